package io.wxplatform.gateway.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class StripInternalHeadersGatewayFilterFactoryTest {

    private final StripInternalHeadersGatewayFilterFactory factory = new StripInternalHeadersGatewayFilterFactory();

    @Test
    void headersWithTheInternalPrefixOrNameAreRemovedWhateverTheirCase() {
        var config = new StripInternalHeadersGatewayFilterFactory.Config()
                .setPrefixes(List.of("X-Wx-Internal-"))
                .setNames(List.of("X-Tenant-Id"));
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/tenants")
                .header("X-Wx-Internal-Caller", "token-service")
                .header("x-wx-internal-tenant", "t1")
                .header("X-TENANT-ID", "t2")
                .header("X-Tenant-Identity", "kept: only exact names are stripped")
                .header("Accept", "application/json"));
        AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();

        factory.apply(config)
                .filter(exchange, e -> {
                    forwarded.set(e);
                    return Mono.empty();
                })
                .block();

        HttpHeaders headers = forwarded.get().getRequest().getHeaders();
        assertThat(headers.headerNames()).containsExactlyInAnyOrder("X-Tenant-Identity", "Accept");
    }
}
