package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    static final DownstreamEcho CALLBACK = new DownstreamEcho("callback-service");
    static final DownstreamEcho TOKEN = new DownstreamEcho("token-service");
    static final DownstreamEcho MESSAGING = new DownstreamEcho("messaging-service");
    static final DownstreamEcho USER = new DownstreamEcho("user-service");
    static final List<DownstreamEcho> ALL = List.of(CALLBACK, TOKEN, MESSAGING, USER);

    static final String BEARER = Edge.adminOf("t1");

    @DynamicPropertySource
    static void pointRoutesAtTheEchoServers(DynamicPropertyRegistry registry) {
        Edge.configure(registry, ALL);
        // t1 sends every route's request within a second or two (70 and growing), past the standard plan's burst of
        // 40 (a 429 on a fast run): it is on the premium plan here; TenantRateLimitIT tests the limits.
        registry.add("wxplatform.gateway.rate-limits.tenants.t1", () -> "premium");
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
                .defaultHeader("Authorization", "Bearer " + BEARER)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
        ALL.forEach(DownstreamEcho::forget);
    }

    @ParameterizedTest
    @CsvSource({
        "GET,  /wx/wx123/callback?signature=s&timestamp=1&nonce=n&echostr=e, callback-service",
        "POST, /wx/wx123/callback,                                         callback-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/followers,                 user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/followers/o-abc,           user-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/sync,                      user-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/tags/101/tagging,          user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/blacklist,                 user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/jssdk/signature,           user-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/qrcodes,                   user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/locations,                 user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/followers/o1/location,     user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/analytics/wechat,          user-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/analytics/daily,           user-service",
        "PUT,  /api/v1/tenants/t1/accounts/wx123/oauth/redirect-uris,       user-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/oauth/codes/c1:redeem,     user-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/messages,                  messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/messages/m1,               messaging-service",
        "PUT,  /api/v1/tenants/t1/accounts/wx123/rules/r1,                  messaging-service",
        "PUT,  /api/v1/tenants/t1/accounts/wx123/menu,                      messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/menu/drift,                messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/media,                     messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/media/a1/file,             messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/materials/count,           messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/drafts,                    messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/drafts/d1/publication,     messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/publications/p1,           messaging-service",
        "DELETE, /api/v1/tenants/t1/accounts/wx123/published/a1,            messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/templates,                 messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/templates/tp1/deliveries,  messaging-service",
        "PUT,  /api/v1/tenants/t1/accounts/wx123/template-industry,         messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/agents,                    messaging-service",
        "DELETE, /api/v1/tenants/t1/accounts/wx123/agents/a@b,              messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/agent-sessions,            messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/agent-sessions/o1,         messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/agent-waitlist,            messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/agent-messages,            messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/subscription-templates,    messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/subscription-library/1/keywords, messaging-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123/subscription-consents/o1,  messaging-service",
        "POST, /api/v1/tenants/t1/accounts/wx123/messages/subscription,     messaging-service",
        "POST, /api/v1/tenants,                                             token-service",
        "GET,  /api/v1/tenants/t1,                                          token-service",
        "POST, /api/v1/tenants/t1/accounts,                                 token-service",
        "GET,  /api/v1/tenants/t1/accounts/wx123,                           token-service",
        "POST, /api/v1/tenants/t1/authorizations,                           token-service",
        "GET,  /api/v1/tenants/t1/authorizations/a1,                        token-service",
        "GET,  /api/v1/components,                                          token-service",
        "POST, /api/v1/components/wxc1/authorizations,                      token-service",
        "GET,  /api/v1/operator/accounts?status=ACTIVE,                     token-service",
        "GET,  /api/v1/operator/components,                                 token-service",
        "GET,  /api/v1/operator/outbox,                                     callback-service",
        "GET,  /api/v1/operator/dead-letters,                               callback-service",
        "POST, /api/v1/operator/dead-letters/wx.inbound.v1.dlq/records/0/5:republish, callback-service",
        "GET,  /connect/v1/authorizations/a1/return?auth_code=x&expires_in=600, token-service",
        "GET,  /v3/api-docs/token-service,                                  token-service",
        "GET,  /v3/api-docs/messaging-service,                              messaging-service",
        "GET,  /v3/api-docs/user-service,                                   user-service",
    })
    void eachPathReachesTheServiceThatOwnsIt(String method, String path, String service) {
        client.method(HttpMethod.valueOf(method))
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk();

        DownstreamEcho owner = echo(service);
        String expected = path.startsWith("/v3/api-docs/") ? "/v3/api-docs" : path;
        assertThat(owner.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo(method);
            assertThat(seen.path()).isEqualTo(expected);
        });
        assertThat(others(owner)).allSatisfy(other -> assertThat(other.seen()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/oauth/wx123/authorize?redirect_uri=https%3A%2F%2Fshop.example%2Fback&scope=snsapi_base&state=s",
                "/oauth/wx123/callback?code=c1&state=s1"
            })
    void theOAuthBrokersPublicPathsReachUserServiceWithoutAToken(String path) {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build()
                .get()
                .uri(URI.create("http://127.0.0.1:" + port + path))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(USER.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.path()).isEqualTo(path);
            assertThat(seen.header("Authorization")).isNull();
        });
        assertThat(others(USER)).allSatisfy(other -> assertThat(other.seen()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "token-service", "token-service:8082", "callback-service", "evil.example"})
    void internalApisAreNotFoundWhateverTheHostAndNoServiceSeesThem(String host) {
        for (String path :
                List.of("/internal/v1/accounts/wx123/callback-settings", "/internal/v1/accounts/wx123/access-token")) {
            client.get()
                    .uri(path)
                    .header("Host", host)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("NOT_FOUND");
            client.post()
                    .uri(path + "/invalid")
                    .header("Host", host)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        assertThat(ALL).allSatisfy(echo -> assertThat(echo.seen()).isEmpty());
    }

    @Test
    void pathsThatCouldBeNormalisedIntoInternalApisAreRefused() {
        Stream.of(
                        "/api/v1/tenants/../../internal/v1/accounts/wx123/callback-settings",
                        "/wx/%2e%2e/internal/v1/accounts/wx123/access-token",
                        "/api/v1/tenants/t1%2F..%2F..%2Finternal")
                .forEach(path -> client.get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.code")
                        .isEqualTo("MALFORMED_REQUEST"));
        assertThat(ALL).allSatisfy(echo -> assertThat(echo.seen()).isEmpty());
    }

    @Test
    void clientSuppliedInternalHeadersNeverReachAService() {
        client.get()
                .uri("/api/v1/tenants/t1/accounts")
                .header("X-Wx-Internal-Caller", "token-service")
                .header("X-Wx-Internal-Tenant-Id", "t2")
                .header("x-tenant-id", "t2")
                .header("Accept", "application/json")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(TOKEN.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.hasHeaderStartingWith("X-Wx-Internal-")).isFalse();
            assertThat(seen.header("X-Tenant-Id")).isNull();
            assertThat(seen.header("Accept")).isEqualTo("application/json");
        });
    }

    @Test
    void theCallersTokenTravelsOnToTheService() {
        client.get()
                .uri("/api/v1/tenants/t1/accounts/wx123/followers")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(USER.seen())
                .singleElement()
                .satisfies(seen -> assertThat(seen.header("Authorization")).isEqualTo("Bearer " + BEARER));
    }

    @Test
    void anUnknownPathIsANotFoundProblemThatNoServiceSees() {
        client.get()
                .uri("/api/v2/anything")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND")
                .jsonPath("$.status")
                .isEqualTo(404);
        client.get()
                .uri("/nothing/here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        assertThat(ALL).allSatisfy(echo -> assertThat(echo.seen()).isEmpty());
    }

    @Test
    void aValidCallerRequestIdTravelsDownstreamAndBack() {
        client.get()
                .uri("/api/v1/tenants/t1")
                .header("X-Request-Id", "caller-id-42")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valuesMatch("X-Request-Id", "caller-id-42");

        assertThat(TOKEN.seen())
                .singleElement()
                .satisfies(seen -> assertThat(seen.header("X-Request-Id")).isEqualTo("caller-id-42"));
    }

    @Test
    void aMissingOrInvalidRequestIdIsReplacedAndTheSameIdIsSeenBothWays() {
        String missing = client.get()
                .uri("/wx/wx123/callback")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");
        String invalid = client.get()
                .uri("/wx/wx123/callback")
                .header("X-Request-Id", "not valid!")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(List.of(missing, invalid))
                .allSatisfy(id -> assertThat(UUID.fromString(id)).isNotNull());
        assertThat(missing).isNotEqualTo(invalid);
        assertThat(CALLBACK.seen())
                .extracting(seen -> seen.header("X-Request-Id"))
                .containsExactly(missing, invalid);
    }

    private static DownstreamEcho echo(String service) {
        return ALL.stream().filter(e -> e.service().equals(service)).findFirst().orElseThrow();
    }

    private static List<DownstreamEcho> others(DownstreamEcho owner) {
        return ALL.stream().filter(e -> e != owner).toList();
    }
}
