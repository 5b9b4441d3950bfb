package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With tracing on, the edge continues the caller's W3C trace on every /api/** route, or starts one: the service behind
 * it receives a {@code traceparent} of the same trace whose parent is the gateway's own span.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.tracing.sampling.probability=1.0")
class GatewayTracingIT {

    static final DownstreamEcho CALLBACK = new DownstreamEcho("callback-service");
    static final DownstreamEcho TOKEN = new DownstreamEcho("token-service");
    static final DownstreamEcho MESSAGING = new DownstreamEcho("messaging-service");
    static final DownstreamEcho USER = new DownstreamEcho("user-service");
    static final List<DownstreamEcho> ALL = List.of(CALLBACK, TOKEN, MESSAGING, USER);

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @DynamicPropertySource
    static void pointRoutesAtTheEchoServers(DynamicPropertyRegistry registry) {
        Edge.configure(registry, ALL);
    }

    @AfterAll
    static void stopEchoServers() {
        ALL.forEach(DownstreamEcho::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + Edge.adminOf("t1"))
                .build();
        ALL.forEach(DownstreamEcho::forget);
    }

    @Test
    void theCallersTraceContinuesToTheService() {
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx123/messages")
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .exchange()
                .expectStatus()
                .isOk();

        String[] traceparent = MESSAGING.seen().get(0).header("traceparent").split("-");
        assertThat(traceparent[1]).isEqualTo(TRACE_ID);
        // The parent is a span of the gateway, not the caller's.
        assertThat(traceparent[2]).hasSize(16).isNotEqualTo(CALLER_SPAN);
        assertThat(traceparent[3]).isEqualTo("01");
    }

    @Test
    void aRequestWithoutTraceStartsOne() {
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx123/followers")
                .exchange()
                .expectStatus()
                .isOk();

        String[] traceparent = USER.seen().get(0).header("traceparent").split("-");
        assertThat(traceparent[1]).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(traceparent[3]).isEqualTo("01");
    }
}
