package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Slow and absent services: the edge answers in time, as problem+json, and WeChat gets the status it retries on. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.gateway.timeouts.token-service.response-ms=400",
            "wxplatform.gateway.timeouts.callback-service.response-ms=400",
            "wxplatform.gateway.timeouts.user-service.response-ms=" + UpstreamFailuresIT.USER_TIMEOUT_MS
        })
class UpstreamFailuresIT {

    static final long USER_TIMEOUT_MS = 2000;

    static final DownstreamEcho SLOW_CALLBACK = new DownstreamEcho("callback-service", Duration.ofSeconds(8));
    static final DownstreamEcho SLOW_TOKEN = new DownstreamEcho("token-service", Duration.ofSeconds(8));
    static final DownstreamEcho USER = new DownstreamEcho("user-service");
    static final List<DownstreamEcho> RUNNING = List.of(SLOW_CALLBACK, SLOW_TOKEN, USER);

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Edge.configure(registry, RUNNING);
        registry.add("wxplatform.messaging-service.url", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopEchoServers() {
        RUNNING.forEach(DownstreamEcho::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .defaultHeader("Authorization", "Bearer " + Edge.adminOf("t1"))
                .build();
        // Warm up (the issuer's keys, the routes), so the timings below measure the timeouts only.
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx1/followers")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aSlowServiceIsAGatewayTimeoutProblemAfterTheRoutesTimeout() {
        long started = System.nanoTime();
        client.get()
                .uri("/api/v1/tenants/t1")
                .header("X-Request-Id", "rid-504")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("X-Request-Id", "rid-504")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UPSTREAM_TIMEOUT")
                .jsonPath("$.status")
                .isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aSlowCallbackIsAnsweredServiceUnavailableSoWeChatRetries() {
        long started = System.nanoTime();
        client.post()
                .uri("/wx/wx1/callback?signature=s&timestamp=1&nonce=n")
                .bodyValue("<xml/>")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aServiceThatIsDownIsAServiceUnavailableProblemLoggedWithTheRequestId(CapturedOutput output) {
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx1/rules")
                .header("X-Request-Id", "rid-503")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("SERVICE_UNAVAILABLE")
                .jsonPath("$.detail")
                .isEqualTo("The service is unavailable; try again later");
        assertThat(output.getOut().lines().filter(line -> line.contains("/wx1/rules answered 503")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("[rid-503]"));
    }

    @Test
    void otherRoutesKeepTheirOwnTimeout() {
        long started = System.nanoTime();
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx1/followers")
                .header(DownstreamEcho.DELAY_HEADER, "800")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("answered after token-service's 400 ms timeout, within user-service's own")
                .isGreaterThanOrEqualTo(Duration.ofMillis(800));

        started = System.nanoTime();
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx1/followers")
                .header(DownstreamEcho.DELAY_HEADER, "8000")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UPSTREAM_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofMillis(USER_TIMEOUT_MS))
                .isLessThan(Duration.ofSeconds(6));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
