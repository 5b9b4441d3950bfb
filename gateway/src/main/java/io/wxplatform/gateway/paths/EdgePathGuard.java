package io.wxplatform.gateway.paths;

import io.wxplatform.gateway.problems.EdgeProblems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs before route matching, whatever the Host: {@code /internal/**} is answered 404 here so that no route, present
 * or future, can expose it, and paths a downstream could normalise into it are refused.
 */
@Component
public class EdgePathGuard implements WebFilter, Ordered {

    private final EdgeProblems problems;

    public EdgePathGuard(EdgeProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return switch (EdgePaths.classify(exchange.getRequest().getURI().getRawPath())) {
            case ROUTE -> chain.filter(exchange);
            // The same answer as any unknown path: nothing tells a prober that something is there.
            case NOT_FOUND ->
                problems.write(exchange, HttpStatus.NOT_FOUND, EdgeProblems.NOT_FOUND, "No such resource");
            case BAD_REQUEST ->
                problems.write(
                        exchange,
                        HttpStatus.BAD_REQUEST,
                        EdgeProblems.MALFORMED_REQUEST,
                        "Dot segments and encoded separators are not accepted in paths");
        };
    }

    @Override
    public int getOrder() {
        // Right after the request id, before security: internal paths never reach authentication.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
