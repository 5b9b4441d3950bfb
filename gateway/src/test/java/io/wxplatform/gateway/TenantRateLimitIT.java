package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.gateway.rate-limits.plans.tiny.requests-per-second=1",
            "wxplatform.gateway.rate-limits.plans.tiny.burst=2",
            "wxplatform.gateway.rate-limits.tenants.small-a=tiny",
            "wxplatform.gateway.rate-limits.tenants.small-b=tiny",
            "wxplatform.gateway.rate-limits.tenants.small-c=tiny",
            "wxplatform.gateway.rate-limits.operator-plan=tiny"
        })
class TenantRateLimitIT {

    static final DownstreamEcho CALLBACK = new DownstreamEcho("callback-service");
    static final DownstreamEcho TOKEN = new DownstreamEcho("token-service");
    static final DownstreamEcho MESSAGING = new DownstreamEcho("messaging-service");
    static final DownstreamEcho USER = new DownstreamEcho("user-service");
    static final List<DownstreamEcho> ALL = List.of(CALLBACK, TOKEN, MESSAGING, USER);

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
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
                .responseTimeout(Duration.ofSeconds(15))
                .build();
        ALL.forEach(DownstreamEcho::forget);
    }

    @Test
    void aTenantOverItsPlanGetsATooManyRequestsProblemWithRetryAfterAndNoServiceSeesIt() {
        String token = Edge.adminOf("small-a");
        status(token, "/api/v1/tenants/small-a");
        status(token, "/api/v1/tenants/small-a/accounts/wx1/followers");

        client.get()
                .uri("/api/v1/tenants/small-a/accounts/wx1/rules")
                .headers(h -> h.setBearerAuth(token))
                .header("X-Request-Id", "rid-429")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectHeader()
                .valueEquals("X-Request-Id", "rid-429")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429)
                .jsonPath("$.code")
                .isEqualTo("RATE_LIMITED");
        assertThat(TOKEN.seen()).hasSize(1);
        assertThat(USER.seen()).hasSize(1);
        assertThat(MESSAGING.seen()).isEmpty();
    }

    @Test
    void waitingRetryAfterSecondsIsEnough() {
        String token = Edge.adminOf("small-b");
        status(token, "/api/v1/tenants/small-b");
        status(token, "/api/v1/tenants/small-b");
        long retryAfter = Long.parseLong(client.get()
                .uri("/api/v1/tenants/small-b")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Retry-After"));

        // One request, made once Retry-After has passed: it must be let through. The poll interval is longer than
        // the deadline, so a refused first request is not retried; the deadline only allows for a slow machine.
        await().pollDelay(Duration.ofSeconds(retryAfter))
                .pollInterval(Duration.ofMinutes(1))
                .atMost(Duration.ofSeconds(retryAfter + 10))
                .until(() -> status(token, "/api/v1/tenants/small-b") == 200);
    }

    @Test
    void oneTenantsExhaustedBudgetDoesNotLimitAnotherTenantOrAnOperator() {
        String small = Edge.adminOf("small-c");
        int last = 0;
        for (int i = 0; i < 5 && last != 429; i++) {
            last = status(small, "/api/v1/tenants/small-c");
        }
        assertThat(last).isEqualTo(429);

        String standard = Edge.adminOf("big");
        for (int i = 0; i < 10; i++) {
            assertThat(status(standard, "/api/v1/tenants/big")).isEqualTo(200);
        }
        String operator = Edge.ISSUER.operator();
        assertThat(status(operator, "/api/v1/tenants")).isEqualTo(200);
        assertThat(status(operator, "/api/v1/tenants")).isEqualTo(200);
        assertThat(status(operator, "/api/v1/tenants"))
                .as("operators have their own, tiny here, plan")
                .isEqualTo(429);
        assertThat(status(small, "/api/v1/tenants/small-c")).isEqualTo(429);
    }

    @Test
    void callbacksAndDocsAreNeverRateLimited() {
        for (int i = 0; i < 5; i++) {
            client.post()
                    .uri("/wx/wx1/callback")
                    .bodyValue("<xml/>")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get()
                    .uri("/v3/api-docs/user-service")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    private int status(String token, String path) {
        return client.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
