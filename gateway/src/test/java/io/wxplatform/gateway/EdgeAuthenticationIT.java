package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeAuthenticationIT {

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/tenants",
                "/api/v1/tenants/t1/accounts",
                "/api/v1/components",
                "/api/v1/tenants/t1/accounts/wx1/followers",
                "/api/v1/tenants/t1/accounts/wx1/rules"
            })
    void theApiWithoutATokenIsAnUnauthorizedProblemThatNoServiceSees(String path) {
        client.get()
                .uri(path)
                .header("X-Request-Id", "rid-401")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader()
                .valueEquals("X-Request-Id", "rid-401")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.instance")
                .isEqualTo(path);
        assertThat(ALL).allSatisfy(echo -> assertThat(echo.seen()).isEmpty());
    }

    @Test
    void aRefusedRequestWithABodyClosesItsConnection() {
        // Its body is never read; a kept-alive connection could then stall the client's next request (EdgeProblems).
        client.put()
                .uri("/api/v1/components/wx1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"t\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Connection", "close");
        assertThat(ALL).allSatisfy(echo -> assertThat(echo.seen()).isEmpty());
    }

    @Test
    void expiredForeignAndGarbageTokensAreRefusedWithoutSayingWhy() {
        String expired =
                Edge.ISSUER.mint(Map.of("tenant_id", "t1", "roles", List.of("tenant-admin")), Duration.ofMinutes(-5));
        String foreign;
        try (TestIssuer other = TestIssuer.start()) {
            foreign = other.mint("t1", TestIssuer.TENANT_ADMIN);
        }
        for (String token : List.of(expired, foreign, "not-a-jwt")) {
            client.get()
                    .uri("/api/v1/tenants/t1")
                    .headers(h -> h.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("UNAUTHENTICATED")
                    .jsonPath("$.detail")
                    .isEqualTo("The bearer token is invalid or expired");
        }
        assertThat(TOKEN.seen()).isEmpty();
    }

    @Test
    void aValidTokenIsLetThroughAndRelayed() {
        String token = Edge.adminOf("t1");
        client.get()
                .uri("/api/v1/tenants/t1")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(TOKEN.seen())
                .singleElement()
                .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token));
    }

    @Test
    void weChatCallbacksTheAuthorizationReturnAndTheApiDocsNeedNoToken() {
        client.post()
                .uri("/wx/wx123/callback?signature=s&timestamp=1&nonce=n")
                .bodyValue("<xml/>")
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/connect/v1/authorizations/a1/return?auth_code=c")
                .exchange()
                .expectStatus()
                .isOk();
        client.get().uri("/v3/api-docs/token-service").exchange().expectStatus().isOk();

        assertThat(CALLBACK.seen()).hasSize(1);
        assertThat(TOKEN.seen())
                .extracting(DownstreamEcho.Seen::path)
                .containsExactly("/connect/v1/authorizations/a1/return?auth_code=c", "/v3/api-docs");
    }

    @Test
    void clientSuppliedInternalHeadersAreStrippedEvenWithAValidToken() {
        client.get()
                .uri("/api/v1/tenants/t1/accounts")
                .headers(h -> h.setBearerAuth(Edge.adminOf("t1")))
                .header("X-Wx-Internal-Caller", "token-service")
                .header("X-Tenant-Id", "t2")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(TOKEN.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.hasHeaderStartingWith("X-Wx-Internal-")).isFalse();
            assertThat(seen.header("X-Tenant-Id")).isNull();
        });
    }
}
