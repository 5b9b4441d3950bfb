package io.wxplatform.sandbox.web;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Any answer given before the request's announced body was read to its end closes the connection. Reactor Netty
 * 1.3.x can stop reading a kept-alive connection after such an answer, and the next request on it then waits
 * forever (reactor-netty pull request 4347): the sandbox's own ITs met it, one request in a few hundred, on a
 * connection an earlier refusal had answered early. Answers to requests whose body was read keep the connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnreadBodyFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        AtomicBoolean read = new AtomicBoolean();
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnComplete(() -> read.set(true));
            }
        };
        exchange.getResponse().beforeCommit(() -> {
            if (!read.get()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build());
    }
}
