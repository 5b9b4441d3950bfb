package io.wxplatform.sandbox.fault;

import io.wxplatform.sandbox.web.WeChatError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Applies injected faults to {@code /cgi-bin} calls before they reach the simulated API. */
@Component
class FaultFilter implements WebFilter {

    private static final String PREFIX = "/cgi-bin/";
    private static final WeChatError SYSTEM_BUSY = new WeChatError(-1, "system error");

    private final Faults faults;

    FaultFilter(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        return faults.take(path.substring(PREFIX.length()))
                .map(fault -> switch (fault.kind()) {
                    case LATENCY ->
                        Mono.delay(Duration.ofMillis(fault.latencyMs())).then(chain.filter(exchange));
                    case SYSTEM_BUSY -> answer(exchange, SYSTEM_BUSY);
                    case QUOTA -> answer(exchange, WeChatError.DAILY_QUOTA);
                    case TIMEOUT ->
                        Mono.delay(Duration.ofMillis(fault.latencyMs())).then(answer(exchange, SYSTEM_BUSY));
                    case LATE_ANSWER ->
                        chain.filter(exchange.mutate()
                                .response(lateAnswer(exchange.getResponse(), Duration.ofMillis(fault.latencyMs())))
                                .build());
                })
                .orElseGet(() -> chain.filter(exchange));
    }

    /** The answer as the API wrote it, held back for {@code delay} (the API has done its work by then). */
    private static ServerHttpResponse lateAnswer(ServerHttpResponse response, Duration delay) {
        return new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return Mono.delay(delay).then(super.writeWith(body));
            }

            @Override
            public Mono<Void> setComplete() {
                return Mono.delay(delay).then(super.setComplete());
            }
        };
    }

    private static Mono<Void> answer(ServerWebExchange exchange, WeChatError error) {
        byte[] body = ("{\"errcode\":" + error.errcode() + ",\"errmsg\":\"" + error.errmsg() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body);
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }
}
