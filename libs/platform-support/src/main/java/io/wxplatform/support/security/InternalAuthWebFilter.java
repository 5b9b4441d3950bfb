package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemWriter;
import io.wxplatform.support.web.Problems;
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
 * configured one or, during a rotation, the second accepted one ({@link ServiceCredential}).
 */
public class InternalAuthWebFilter implements WebFilter, Ordered {

    /** Matched the way handlers are matched (decoded, matrix variables removed), so encodings cannot sneak past. */
    private static final PathPattern INTERNAL = PathPatternParser.defaultInstance.parse("/internal/**");

    private final ServiceCredential credential;
    private final ProblemWriter problems;

    public InternalAuthWebFilter(ServiceCredential credential, ProblemWriter problems) {
        this.credential = credential;
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
        if (credential.presentedIn(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return problems.write(
                exchange,
                Problems.of(
                        HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Internal APIs need the service credential"));
    }
}
