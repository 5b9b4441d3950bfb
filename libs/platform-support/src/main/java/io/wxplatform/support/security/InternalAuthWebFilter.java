package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemWriter;
import io.wxplatform.support.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Lets a request reach {@code /internal/**} only with {@code Authorization: Bearer <service credential>}: the
 * configured one or, during a rotation, the second accepted one.
 */
public class InternalAuthWebFilter implements WebFilter, Ordered {

    /** Matched the way handlers are matched (decoded, matrix variables removed), so encodings cannot sneak past. */
    private static final PathPattern INTERNAL = PathPatternParser.defaultInstance.parse("/internal/**");

    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;
    private final byte[] acceptedDigest;
    private final ProblemWriter problems;

    public InternalAuthWebFilter(InternalAuthProperties properties, ProblemWriter problems) {
        this.expectedDigest = properties.configured() ? sha256(properties.authToken()) : null;
        this.acceptedDigest = properties.rotating() ? sha256(properties.acceptedAuthToken()) : null;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!INTERNAL.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        if (authorized(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problems.write(
                exchange,
                Problems.of(
                        HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Internal APIs need the service credential"));
    }

    /**
     * Compares digests in constant time, so neither the content nor the length of the token leaks; both credentials
     * are always compared, so neither does which one matched.
     */
    private boolean authorized(String authorization) {
        if (expectedDigest == null
                || authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        boolean current = MessageDigest.isEqual(expectedDigest, presented);
        boolean accepted = MessageDigest.isEqual(acceptedDigest == null ? expectedDigest : acceptedDigest, presented);
        return current | accepted;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
