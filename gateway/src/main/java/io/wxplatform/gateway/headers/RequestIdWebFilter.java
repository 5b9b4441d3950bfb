package io.wxplatform.gateway.headers;

import io.wxplatform.requestids.RequestIds;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the caller's, when it looks like one, otherwise a new one), passes it downstream and
 * answers it, so a request can be followed from the edge through the services. Runs first, so the edge's own refusals
 * (401, 404, 429) carry it too. The edge's one log line (EdgeErrorHandler) puts it in the MDC itself: the gateway
 * does not pay for Reactor's automatic context propagation on every hop of every proxied request.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = RequestIds.HEADER;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.keepOrGenerate(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getResponse().getHeaders().set(HEADER, id);
        // Again just before commit: a proxied response's own headers are copied in after this filter ran.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, id)))
                .build());
    }
}
