package io.wxplatform.gateway.headers;

import java.util.List;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives every routed request an id (the caller's, when valid, otherwise a new one) and echoes it on the response, so a
 * request can be followed from the edge through the services. Declared as {@code RequestId=<header>}.
 */
@Component
public class RequestIdGatewayFilterFactory extends AbstractGatewayFilterFactory<RequestIdGatewayFilterFactory.Config> {

    public RequestIdGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("header");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String header = config.getHeader();
        return (exchange, chain) -> {
            String id = RequestIds.keepOrGenerate(exchange.getRequest().getHeaders().getFirst(header));
            // Set just before commit: the proxied response's own headers are copied in after this filter runs.
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(header, id);
                return Mono.empty();
            });
            return chain.filter(exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(header, id)))
                    .build());
        };
    }

    public static class Config {
        private String header = "X-Request-Id";

        public String getHeader() {
            return header;
        }

        public Config setHeader(String header) {
            this.header = header;
            return this;
        }
    }
}
