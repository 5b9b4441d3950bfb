package io.wxplatform.gateway.paths;

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

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return switch (EdgePaths.classify(exchange.getRequest().getURI().getRawPath())) {
            case ROUTE -> chain.filter(exchange);
            case NOT_FOUND -> answer(exchange, HttpStatus.NOT_FOUND);
            case BAD_REQUEST -> answer(exchange, HttpStatus.BAD_REQUEST);
        };
    }

    private static Mono<Void> answer(ServerWebExchange exchange, HttpStatus status) {
        exchange.getResponse().setStatusCode(status);
        return exchange.getResponse().setComplete();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
