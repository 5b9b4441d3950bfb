package io.wxplatform.support.web;

import io.wxplatform.requestids.RequestIds;
import io.wxplatform.support.logging.LogContext;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Takes the request id the gateway (or a caller) sent, or makes one ({@link RequestIds}), answers it in
 * {@code X-Request-Id}, keeps it in the exchange attribute {@link #ATTRIBUTE} and puts it in the Reactor context. With
 * Reactor's automatic context propagation (on unless {@code wxplatform.logging.context-propagation=false}, see
 * {@link io.wxplatform.support.logging.LoggingAutoConfiguration}) every log line written while handling the request
 * picks it up from there (see {@link LogContext}); without it, only code that puts the id in the MDC itself logs it.
 * Runs first, so even a request refused by authentication carries its id.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    /** The exchange attribute holding the id, for code that wants it without the Reactor context. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.keepOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        return chain.filter(exchange).contextWrite(LogContext.withRequestId(id));
    }
}
