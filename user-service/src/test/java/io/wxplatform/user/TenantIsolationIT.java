package io.wxplatform.user;

import static io.wxplatform.testkit.Inbound.publish;
import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.auth.Endpoints;
import io.wxplatform.testkit.auth.TenantIsolation;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Every REST endpoint of user-service, probed with tenant A's, B's viewer's and no token for B's followers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.user.sync.on-registration=false")
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class TenantIsolationIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        AccountNotices.createTopic();
    }

    @Test
    void tenantAGetsNothingOfTenantBFromAnyEndpoint() {
        // B's account is real (sandbox and token-service), so B's own calls reach WeChat and succeed.
        TestAccount b = TestAccount.register("SERVICE", true);
        b.generateFollowers(3, "oIso");
        String owner = b.tenantId();
        String appId = b.appId();
        String attacker = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        String attackersAppId = appId();
        long t0 = Instant.now().getEpochSecond() - 60;
        AccountNotices.registered(attacker, attackersAppId);
        publish(new InboundEvents(attacker, attackersAppId).subscribe("o-of-a", t0, null));
        publish(new InboundEvents(owner, appId).subscribe("o-of-b", t0, "qrscene_b-only-poster"));
        publish(new InboundEvents(owner, appId).location("o-of-b", t0 + 5, 23.13, 113.26, 40.0));
        String account = "/api/v1/tenants/" + owner + "/accounts/" + appId;
        String followers = account + "/followers";
        awaitVisible(owner, followers + "/o-of-b");
        awaitVisible(owner, followers + "/o-of-b/location");
        LocalDate chinaToday = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String days = "?from=" + chinaToday.minusDays(3) + "&to=" + chinaToday.minusDays(2);
        WebTestClient admin = b.adminClient("http://localhost:" + port);
        admin.post().uri(account + "/sync").exchange().expectStatus().isAccepted();
        int tagId = ((Number) admin.post()
                        .uri(account + "/tags")
                        .bodyValue(Map.of("name", "iso"))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("id"))
                .intValue();
        String tag = account + "/tags/" + tagId;
        admin.post()
                .uri(account + "/qrcodes")
                .bodyValue(Map.of("kind", "PERMANENT", "sceneStr", "b-poster-7"))
                .exchange()
                .expectStatus()
                .isCreated();
        String code = account + "/qrcodes/b-poster-7";
        String oauth = account + "/oauth";
        Map<String, Object> allowlist = Map.of("redirectUris", List.of("https://b-shop.example/wechat/"));
        admin.put()
                .uri(oauth + "/redirect-uris")
                .bodyValue(allowlist)
                .exchange()
                .expectStatus()
                .isOk();
        String platformCode = OAuthBrowser.query(new OAuthBrowser("http://localhost:" + port)
                        .roundTrip(
                                appId, "o-of-b-web", "https://b-shop.example/wechat/back", "snsapi_base", "s", false))
                .getFirst("code");
        Map<String, Object> someFollowers = Map.of("openIds", List.of(TestAccount.openId("oIso", 0)));

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner)
                .attacker(attacker)
                .inventory(Endpoints.of(mappings))
                .neverShown("b-only-poster", "subscribedAt", "b-shop.example", "o-of-b-web")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/followers", followers)
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/followers/{openId}", followers + "/o-of-b")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/sync", account + "/sync")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/tags", account + "/tags")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/blacklist", account + "/blacklist")
                .read(
                        "GET /api/v1/tenants/{tenantId}/accounts/{appId}/jssdk/signature",
                        account + "/jssdk/signature?url=https%3A%2F%2Fshop.example%2Fp")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/oauth/redirect-uris", oauth + "/redirect-uris")
                .write(
                        "PUT /api/v1/tenants/{tenantId}/accounts/{appId}/oauth/redirect-uris",
                        oauth + "/redirect-uris",
                        allowlist)
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/oauth/codes/{code}:redeem",
                        oauth + "/codes/" + platformCode + ":redeem",
                        null)
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/qrcodes", account + "/qrcodes")
                .read(
                        "GET /api/v1/tenants/{tenantId}/accounts/{appId}/followers/{openId}/location",
                        followers + "/o-of-b/location")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/locations", account + "/locations")
                .read(
                        "GET /api/v1/tenants/{tenantId}/accounts/{appId}/analytics/wechat",
                        account + "/analytics/wechat" + days)
                .read(
                        "GET /api/v1/tenants/{tenantId}/accounts/{appId}/analytics/daily",
                        account + "/analytics/daily" + days)
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/qrcodes/{scene}", code)
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/qrcodes/{scene}/stats", code + "/stats")
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/qrcodes",
                        account + "/qrcodes",
                        Map.of("kind", "PERMANENT", "sceneId", 7))
                .write("POST /api/v1/tenants/{tenantId}/accounts/{appId}/sync", account + "/sync", null)
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/tags",
                        account + "/tags",
                        Map.of("name", "iso2"))
                .write("PATCH /api/v1/tenants/{tenantId}/accounts/{appId}/tags/{tagId}", tag, Map.of("name", "iso3"))
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/tags/{tagId}/tagging",
                        tag + "/tagging",
                        someFollowers)
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/tags/{tagId}/untagging",
                        tag + "/untagging",
                        someFollowers)
                .write(
                        "PUT /api/v1/tenants/{tenantId}/accounts/{appId}/followers/{openId}/remark",
                        followers + "/" + TestAccount.openId("oIso", 0) + "/remark",
                        Map.of("remark", "gold"))
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/blacklist",
                        account + "/blacklist",
                        someFollowers)
                .write(
                        "POST /api/v1/tenants/{tenantId}/accounts/{appId}/blacklist/removal",
                        account + "/blacklist/removal",
                        someFollowers)
                .write("DELETE /api/v1/tenants/{tenantId}/accounts/{appId}/tags/{tagId}", tag, null)
                .verify();
    }

    private void awaitVisible(String tenant, String path) {
        WebTestClient admin = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().mint(tenant, TestIssuer.TENANT_ADMIN)))
                .build();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> admin.get().uri(path).exchange().expectStatus().isOk());
    }

    private static String appId() {
        return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
