package io.wxplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.internal.auth-token=test-token")
@AutoConfigureWebTestClient
class ApiSecurityTest {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static final String THINGS = "/api/v1/tenants/{tenant}/things";

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @Test
    void aRequestWithoutATokenIsChallenged() {
        anonymous()
                .get()
                .uri(THINGS, "acme")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aRefusalOfARequestWithAnUnreadBodyClosesTheConnection() {
        anonymous()
                .post()
                .uri(THINGS, "acme")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"refused before it is read\"}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.CONNECTION, "close");
        String viewer = ISSUER.mint("acme", "tenant-viewer");
        http.post()
                .uri(THINGS, "acme")
                .headers(h -> h.setBearerAuth(viewer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .valueEquals(HttpHeaders.CONNECTION, "close");
        // Without a body there is nothing unread: the connection stays open for the next request.
        anonymous()
                .get()
                .uri(THINGS, "acme")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist(HttpHeaders.CONNECTION);
    }

    @Test
    void anExpiredTokenIsRefusedAsInvalid() {
        String expired =
                ISSUER.mint(Map.of("tenant_id", "acme", "roles", List.of("tenant-admin")), Duration.ofMinutes(-5));

        get(THINGS, "acme", expired)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void tokensOfAnotherIssuerOrKeyAreRefused() {
        String claimsAnotherIssuer = ISSUER.mint(
                Map.of("iss", "https://elsewhere.example", "tenant_id", "acme", "roles", List.of("tenant-admin")),
                Duration.ofMinutes(5));
        String signedByAnotherKey;
        try (TestIssuer foreign = TestIssuer.start()) {
            signedByAnotherKey = foreign.mint(
                    Map.of("iss", ISSUER.issuer(), "tenant_id", "acme", "roles", List.of("tenant-admin")),
                    Duration.ofMinutes(5));
        }

        get(THINGS, "acme", claimsAnotherIssuer).expectStatus().isUnauthorized();
        get(THINGS, "acme", signedByAnotherKey).expectStatus().isUnauthorized();
        get(THINGS, "acme", "not-a-jwt").expectStatus().isUnauthorized();
    }

    @Test
    void aTokenWithoutAPlatformRoleIsForbidden() {
        get(THINGS, "acme", ISSUER.mint("acme", "offline_access"))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void aTenantAdminReadsAndWritesItsOwnTenant() {
        String admin = ISSUER.mint("acme", "tenant-admin");

        get(THINGS, "acme", admin)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.operator")
                .isEqualTo(false);
        post(THINGS, "acme", admin)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.written")
                .isEqualTo(true);
    }

    @Test
    void aViewerReadsButCannotWrite() {
        String viewer = ISSUER.mint("acme", "tenant-viewer");

        get(THINGS, "acme", viewer).expectStatus().isOk();
        post(THINGS, "acme", viewer)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void anotherTenantAnswersExactlyLikeATenantThatDoesNotExist() {
        String admin = ISSUER.mint("acme", "tenant-admin");

        String foreign = new String(get(THINGS, "globex", admin)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .returnResult()
                .getResponseBodyContent());
        String foreignWrite = new String(post(THINGS, "globex", ISSUER.mint("acme", "tenant-viewer"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .returnResult()
                .getResponseBodyContent());

        assertThat(foreign).contains("\"code\":\"TENANT_NOT_FOUND\"").doesNotContain("acme");
        assertThat(foreignWrite).isEqualTo(foreign);
    }

    @Test
    void operatorsReachEveryTenantAndOperatorOnlyEndpoints() {
        get(THINGS, "globex", ISSUER.operator())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.operator")
                .isEqualTo(true);
        post(THINGS, "globex", ISSUER.operator()).expectStatus().isOk();
        post("/api/v1/platform:reindex", "-", ISSUER.operator()).expectStatus().isOk();
        post("/api/v1/platform:reindex", "-", ISSUER.mint("acme", "tenant-admin"))
                .expectStatus()
                .isForbidden();
    }

    @Test
    void keycloakRealmRolesAreAccepted() {
        String keycloak = ISSUER.mint(
                Map.of(
                        "tenant_id",
                        "acme",
                        "realm_access",
                        Map.of("roles", List.of("default-roles-acme", "tenant-admin"))),
                Duration.ofMinutes(5));

        post(THINGS, "acme", keycloak).expectStatus().isOk();
    }

    @Test
    void internalPathsKeepTheServiceCredentialAndIgnoreJwts() {
        get("/internal/ping", "-", ISSUER.operator())
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        get("/internal/ping", "-", "test-token").expectStatus().isOk();
    }

    @Test
    void pathsOutsideTheApiAreDeniedAndCallbackPathsAreOpen() {
        get("/anything-else", "-", ISSUER.operator()).expectStatus().isUnauthorized();
        anonymous().get().uri("/wx/wx123/callback").exchange().expectStatus().isNotFound();
    }

    /** Without the operator token this module's test clients send by default. */
    private WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private WebTestClient.ResponseSpec get(String uri, String tenant, String token) {
        return http.get().uri(uri, tenant).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec post(String uri, String tenant, String token) {
        return http.post().uri(uri, tenant).headers(h -> h.setBearerAuth(token)).exchange();
    }
}
