package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemWriter;
import io.wxplatform.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 of the security chain as problem+json. The 401 challenge says {@code invalid_token} when a token was
 * presented (RFC 6750) but never why it was refused: details go to the debug log, not to a prober.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final ProblemWriter problems;

    ProblemSecurityHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException error) {
        boolean tokenPresented = error instanceof OAuth2AuthenticationException;
        log.debug(
                "Refused {} {}: {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                error.getMessage());
        exchange.getResponse()
                .getHeaders()
                .set(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        return problems.write(
                exchange,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        TenantAccess.UNAUTHENTICATED,
                        tokenPresented ? "The bearer token is invalid or expired" : "A bearer token is required"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(
                exchange,
                Problems.of(HttpStatus.FORBIDDEN, TenantAccess.FORBIDDEN, "Your token grants no role for this API"));
    }
}
