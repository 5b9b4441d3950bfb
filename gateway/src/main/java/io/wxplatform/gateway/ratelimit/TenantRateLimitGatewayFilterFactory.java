package io.wxplatform.gateway.ratelimit;

import io.wxplatform.gateway.problems.EdgeProblems;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Spends one request of the caller's plan (keyed by the token's {@code tenant_id}); over the limit the request is
 * answered 429 problem+json {@code RATE_LIMITED} with {@code Retry-After} in whole seconds, and never reaches a
 * service. Declared as {@code TenantRateLimit} on the API routes; requests without a token pass (security refuses them
 * before this filter on {@code /api/**}).
 */
@Component
public class TenantRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final TenantRateLimiter limiter;
    private final RateLimitProperties properties;
    private final EdgeProblems problems;

    public TenantRateLimitGatewayFilterFactory(
            TenantRateLimiter limiter, RateLimitProperties properties, EdgeProblems problems) {
        this.limiter = limiter;
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> {
            if (!properties.enabled()) {
                return chain.filter(exchange);
            }
            return exchange.getPrincipal()
                    .filter(JwtAuthenticationToken.class::isInstance)
                    .map(principal -> limiter.acquire(RateLimitKey.of(((JwtAuthenticationToken) principal).getToken())))
                    .defaultIfEmpty(Duration.ZERO)
                    .flatMap(wait -> {
                        if (wait.isZero()) {
                            return chain.filter(exchange);
                        }
                        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(wait));
                        return problems.write(
                                exchange,
                                HttpStatus.TOO_MANY_REQUESTS,
                                EdgeProblems.RATE_LIMITED,
                                "Too many requests for your plan; retry after the time in Retry-After");
                    });
        };
    }

    /** Retry-After has whole seconds (RFC 9110); round up so a client that waits that long will get through. */
    static String retryAfterSeconds(Duration wait) {
        long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
        return Long.toString(Math.max(1, seconds));
    }
}
