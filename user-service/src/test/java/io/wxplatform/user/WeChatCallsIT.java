package io.wxplatform.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tags, remarks, the blacklist and follower filters through user-service's REST API, against the sandbox over real
 * HTTP; and the permission table refusing an account before any WeChat call.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.user.sync.poll-interval=200ms", "wxplatform.user.sync.on-registration=false"})
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class WeChatCallsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @Test
    void anUnverifiedSubscriptionAccountIsRefusedByThePermissionTableBeforeAnyWeChatCall() {
        TestAccount account = TestAccount.register("SUBSCRIPTION", false);
        account.generateFollowers(5, "oDenied");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();

        http.post()
                .uri(base + "/sync")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_PERMISSION")
                .jsonPath("$.accountType")
                .isEqualTo("SUBSCRIPTION")
                .jsonPath("$.verified")
                .isEqualTo(false)
                .jsonPath("$.apiGroup")
                .isEqualTo("FOLLOWER_LIST");
        http.post()
                .uri(base + "/tags")
                .bodyValue(Map.of("name", "VIP"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.apiGroup")
                .isEqualTo("USER_TAGS");
        http.put()
                .uri(base + "/followers/{o}/remark", TestAccount.openId("oDenied", 0))
                .bodyValue(Map.of("remark", "x"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.apiGroup")
                .isEqualTo("USER_REMARKS");
        http.get().uri(base + "/blacklist").exchange().expectStatus().isForbidden();
        http.post()
                .uri(base + "/qrcodes")
                .bodyValue(Map.of("kind", "PERMANENT", "sceneId", 1))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.apiGroup")
                .isEqualTo("QR_CODES");

        assertThat(account.apiCalls())
                .noneMatch(api -> api.startsWith("user/") || api.startsWith("tags/") || api.startsWith("qrcode/"));
    }

    @Test
    void taggingAHundredAndTwentyFollowersGoesToWeChatInBatchesOfFifty() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(120, "oTag");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        sync(http, base);
        List<String> openIds = IntStream.range(0, 120)
                .mapToObj(i -> TestAccount.openId("oTag", i))
                .toList();

        int tagId =
                ((Number) post(http, base + "/tags", Map.of("name", "VIP"), 201).get("id")).intValue();
        assertThat(post(http, base + "/tags/" + tagId + "/tagging", Map.of("openIds", openIds), 200))
                .containsEntry("followers", 120)
                .containsEntry("batches", 3);

        assertThat(account.apiCalls().stream()
                        .filter("tags/members/batchtagging"::equals)
                        .count())
                .isEqualTo(3);
        assertThat(get(http, base + "/tags").get("items").toString()).contains("id=" + tagId + ", name=VIP, count=120");
        assertThat(get(http, base + "/followers?size=1&tagId=" + tagId)).containsEntry("total", 120);

        post(http, base + "/tags/" + tagId + "/untagging", Map.of("openIds", openIds.subList(0, 10)), 200);
        assertThat(get(http, base + "/followers?size=1&tagId=" + tagId)).containsEntry("total", 110);
        http.patch()
                .uri(base + "/tags/" + tagId)
                .bodyValue(Map.of("name", "Gold"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(tagId)
                .jsonPath("$.name")
                .isEqualTo("Gold")
                .jsonPath("$.count")
                .isEqualTo(110);
        http.delete().uri(base + "/tags/" + tagId).exchange().expectStatus().isNoContent();
        assertThat(get(http, base + "/tags").get("items").toString()).doesNotContain("id=" + tagId);
        // WeChat took the deleted tag off its followers; the platform's copy follows without waiting for a sync.
        assertThat(get(http, base + "/followers?size=1&tagId=" + tagId)).containsEntry("total", 0);
        assertThat(get(http, base + "/followers/" + openIds.get(20))).containsEntry("tagIds", List.of());
    }

    @Test
    void weChatsRefusalsReachTheTenantWithWeChatsErrcode() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        int tagId = ((Number)
                        post(http, base + "/tags", Map.of("name", "crowd"), 201).get("id"))
                .intValue();
        TestAccount.sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/bulk", account.appId())
                .bodyValue(Map.of("count", 100_001, "openIdPrefix", "oCrowd", "tagIds", List.of(tagId)))
                .exchange()
                .expectStatus()
                .isCreated();

        http.delete()
                .uri(base + "/tags/" + tagId)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_ERROR")
                .jsonPath("$.errcode")
                .isEqualTo(45057);
        http.post()
                .uri(base + "/tags/" + tagId + "/tagging")
                .bodyValue(Map.of("openIds", List.of("o-stranger")))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errcode")
                .isEqualTo(40003);
    }

    @Test
    void weChatsReservedTagsAndOversizedNamesAreRefusedBeforeTheCall() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();

        http.delete()
                .uri(base + "/tags/2")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_LIMIT");
        http.post()
                .uri(base + "/tags")
                .bodyValue(Map.of("name", "x".repeat(31)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_LIMIT");

        assertThat(account.apiCalls()).noneMatch(api -> api.startsWith("tags/"));
    }

    @Test
    void remarksAndTheBlacklistInWeChatsBatchesOfTwenty() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(30, "oBlack");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        sync(http, base);
        String first = TestAccount.openId("oBlack", 0);
        List<String> openIds = IntStream.range(0, 25)
                .mapToObj(i -> TestAccount.openId("oBlack", i))
                .toList();

        http.put()
                .uri(base + "/followers/" + first + "/remark")
                .bodyValue(Map.of("remark", "gold"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(get(http, base + "/followers/" + first)).containsEntry("remark", "gold");

        assertThat(post(http, base + "/blacklist", Map.of("openIds", openIds), 200))
                .containsEntry("batches", 2);
        assertThat(get(http, base + "/blacklist")).containsEntry("total", 25);
        post(http, base + "/blacklist/removal", Map.of("openIds", openIds.subList(0, 5)), 200);
        assertThat(get(http, base + "/blacklist")).containsEntry("total", 20);
    }

    @Test
    void followersAreFilteredBySubscribeSceneAndTime() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(15, "oFilter");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        sync(http, base);

        assertThat(get(http, base + "/followers?size=10&subscribed=true&subscribeScene=ADD_SCENE_SEARCH"))
                .containsEntry("total", 15);
        assertThat((List<?>) get(http, base + "/followers?size=10&page=1").get("items"))
                .hasSize(5);
        assertThat(get(http, base + "/followers?subscribeScene=ADD_SCENE_QR_CODE"))
                .containsEntry("total", 0);
        Instant hourAgo = Instant.now().minusSeconds(3600);
        assertThat(get(http, base + "/followers?subscribedFrom=" + hourAgo)).containsEntry("total", 15);
        assertThat(get(http, base + "/followers?subscribedBefore=" + hourAgo)).containsEntry("total", 0);
    }

    @Test
    void aCodesScansAndNewFollowersAreCountedWithTheQrscenePrefixRemovedOnlyAtTheStart() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        String scene = "vip_qrscene_2";

        Map<String, Object> code = post(
                http, base + "/qrcodes", Map.of("kind", "PERMANENT", "sceneStr", scene, "label", "Spring poster"), 201);
        assertThat(code)
                .containsEntry("scene", scene)
                .containsEntry("kind", "PERMANENT")
                .containsEntry("label", "Spring poster")
                .doesNotContainKey("expiresAt");
        assertThat((String) code.get("imageUrl")).startsWith("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=");
        assertThat(account.apiCalls()).contains("qrcode/create");
        Map<String, Object> temporary = post(
                http,
                base + "/qrcodes",
                Map.of("kind", "TEMPORARY", "sceneId", 4_000_000_000L, "expireSeconds", 3600),
                201);
        assertThat(temporary).containsEntry("scene", "4000000000").containsKey("expiresAt");
        http.post()
                .uri(base + "/qrcodes")
                .bodyValue(Map.of("kind", "PERMANENT", "sceneId", 100_001))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_LIMIT");

        long now = Instant.now().getEpochSecond();
        InboundEvents events = new InboundEvents(account.tenantId(), account.appId());
        Inbound.publish(events.subscribe("o-new", now, "qrscene_" + scene));
        Inbound.publish(events.scan("o-old", now, scene));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get(http, base + "/qrcodes/" + scene + "/stats")
                                .get("days")
                                .toString())
                        .contains("scans=2", "newFollowers=1"));
        assertThat(get(http, base + "/followers/o-new")).containsEntry("scene", scene);
        Inbound.publish(events.unsubscribe("o-new", now + 60));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get(http, base + "/qrcodes/" + scene + "/stats")
                                .get("days")
                                .toString())
                        .contains("scans=2", "newFollowers=1", "unsubscribedSince=1"));
        assertThat(get(http, base + "/qrcodes").get("total")).isEqualTo(2);
        assertThat(get(http, base + "/qrcodes/" + scene)).containsEntry("label", "Spring poster");
    }

    /** The signature the platform returns is the one WeChat's algorithm gives with token-service's own ticket. */
    @Test
    void aJsSdkSignatureIsForThePageUrlWithoutItsFragmentAndTokenServicesTicket() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        String page = "https://shop.example/p?a=1&b=2";

        Map<String, Object> signed = http.get()
                .uri(builder -> builder.path(base + "/jssdk/signature")
                        .queryParam("url", "{url}")
                        .build(page + "#/cart"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        String ticket = (String) WebTestClient.bindToServer()
                .baseUrl(RealDependencies.tokenServiceUrl())
                .build()
                .get()
                .uri("/internal/v1/accounts/{a}/jsapi-ticket", account.appId())
                .headers(h -> h.setBearerAuth(RealDependencies.INTERNAL_AUTH_TOKEN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("ticket");
        assertThat(signed).containsEntry("appId", account.appId()).containsKeys("timestamp", "nonceStr");
        assertThat(signed.get("signature"))
                .isEqualTo(sha1("jsapi_ticket=" + ticket + "&noncestr=" + signed.get("nonceStr") + "&timestamp="
                        + signed.get("timestamp") + "&url=" + page));
        http.get()
                .uri(base + "/jssdk/signature?url=/relative")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sync(WebTestClient http, String base) {
        http.post().uri(base + "/sync").exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "DONE".equals(get(http, base + "/sync").get("state")));
    }

    private static Map<String, Object> get(WebTestClient http, String uri) {
        return http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> post(WebTestClient http, String uri, Object body, int status) {
        return http.post()
                .uri(uri)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
