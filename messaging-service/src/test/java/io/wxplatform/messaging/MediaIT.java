package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.reply.ImageReply;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Media through messaging-service's REST API, uploaded to a sandbox (WeChat) with tokens from token-service, both of
 * this test's own: its sandbox's clock is frozen and moved by the test (with messaging-service's clock) to show that a
 * kept-fresh asset is re-uploaded before WeChat forgets it, without moving the clock under any other test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.messaging.media.refresh-interval=200ms")
@DirtiesContext // its consumers must not compete with those of another test context
class MediaIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4};
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static ServiceProcess sandboxProcess;
    private static ServiceProcess tokenServiceProcess;

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    /** messaging-service's clock, moved together with the sandbox's. */
    static final class MovableClock extends Clock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void advance(Duration by) {
            offset.accumulateAndGet(by, Duration::plus);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        startOwnWeChat();
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", sandboxProcess::baseUrl);
        registry.add("wxplatform.token-service.url", tokenServiceProcess::baseUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    private static synchronized void startOwnWeChat() {
        if (sandboxProcess != null) {
            return;
        }
        int sandboxPort = FreePort.pick();
        Map<String, String> tokenService = new HashMap<>(TestIssuer.shared().serviceProperties());
        tokenService.putAll(Map.of(
                "spring.kafka.bootstrap-servers",
                TestInfrastructure.kafkaBootstrapServers(),
                "wxplatform.mongodb.uri",
                TestInfrastructure.mongoUri(),
                "wxplatform.mongodb.database",
                "wx_token_media_it",
                "wxplatform.wechat.base-url",
                "http://127.0.0.1:" + sandboxPort,
                "wxplatform.internal.auth-token",
                RealDependencies.INTERNAL_AUTH_TOKEN));
        List<ServiceProcess> started = ServiceProcess.startAll(List.of(
                Spec.of("sandbox", Map.of("sandbox.clock.frozen", "true")).withPort(sandboxPort),
                Spec.of("token-service", tokenService)));
        sandboxProcess = started.get(0);
        tokenServiceProcess = started.get(1);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @AfterAll
    static void stopOwnWeChat() {
        if (tokenServiceProcess != null) {
            tokenServiceProcess.close();
        }
        if (sandboxProcess != null) {
            sandboxProcess.close();
        }
    }

    private TestAccount registered(String type, boolean verified) {
        TestAccount account =
                TypedTestAccount.register(sandboxProcess.baseUrl(), tokenServiceProcess.baseUrl(), type, verified);
        TypedTestAccount.awaitKnown(account, messaging(account));
        return account;
    }

    @Test
    void anImageIsUploadedKeptAndDownloadable() {
        TestAccount account = registered("SERVICE", true);

        Map<String, Object> asset = upload(account, "/media", "cat.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(asset).containsEntry("kind", "IMAGE").containsEntry("permanent", false);
        assertThat((String) asset.get("mediaId")).isNotBlank();
        assertThat(Duration.between(
                        Instant.parse((String) asset.get("createdAt")), Instant.parse((String) asset.get("expiresAt"))))
                .isEqualTo(Duration.ofDays(3));
        assertThat(download(account, "/media/" + asset.get("assetId") + "/file"))
                .isEqualTo(PNG);
        assertThat(messaging(account)
                        .get()
                        .uri(base(account) + "/media")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON)
                        .returnResult()
                        .getResponseBody())
                .containsEntry("total", 1);
    }

    @Test
    void filesWeChatWouldRefuseAreRefusedBeforeTheCall() {
        TestAccount account = registered("SERVICE", true);

        upload(account, "/media", "cat.bmp", PNG, Map.of("type", "image"))
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat(problem)
                        .containsEntry("code", "WECHAT_LIMIT")
                        .containsEntry("limit", "media-format"));
        upload(account, "/media", "thumb.jpg", new byte[64 * 1024 + 1], Map.of("type", "thumb"))
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("limit", "media-size"));
        upload(account, "/media", "cat.png", PNG, Map.of("type", "sticker"))
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat(problem.get("errors").toString()).contains("type"));
        // wechat-protocol.md §7: news materials are switched off at WeChat (45103); drafts replace them.
        upload(account, "/materials", "news.png", PNG, Map.of("type", "news"))
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat(problem.get("errors").toString()).contains("type"));
        assertThat(sandboxCalls(account)).noneMatch(api -> api.startsWith("media/") || api.startsWith("material/"));
    }

    @Test
    void anUnverifiedSubscriptionAccountMayNotUploadMedia() {
        TestAccount account = registered("SUBSCRIPTION", false);

        upload(account, "/media", "cat.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isForbidden()
                .expectBody(JSON)
                .value(problem -> assertThat(problem)
                        .containsEntry("code", "WECHAT_PERMISSION")
                        .containsEntry("apiGroup", "MATERIAL"));
        assertThat(sandboxCalls(account)).noneMatch(api -> api.startsWith("media/"));
    }

    @Test
    void permanentMaterialsAreAddedListedCountedFetchedAndDeleted() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> video = upload(
                        account,
                        "/materials",
                        "clip.mp4",
                        PNG,
                        Map.of("type", "video", "title", "新品发布", "introduction", "intro"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> image = upload(account, "/materials", "logo.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        upload(account, "/materials", "clip.mp4", PNG, Map.of("type", "video"))
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("limit", "video-title"));

        assertThat(get(account, "/materials/count")).containsEntry("video", 1).containsEntry("image", 1);
        Map<String, Object> page = get(account, "/materials?type=image&page=0&size=20");
        assertThat(page).containsEntry("total", 1);
        assertThat(page.get("items").toString()).contains((String) image.get("mediaId"));
        assertThat(new String(download(account, "/materials/" + video.get("mediaId")), StandardCharsets.UTF_8))
                .contains("新品发布");
        assertThat(download(account, "/materials/" + image.get("mediaId"))).isEqualTo(PNG);
        // wechat-protocol.md §7: a cover's media_id never stored is a failed draft; here every material is an asset.
        assertThat(get(account, "/media/" + image.get("assetId")))
                .containsEntry("mediaId", image.get("mediaId"))
                .containsEntry("permanent", true);

        messaging(account)
                .delete()
                .uri(base(account) + "/materials/" + image.get("mediaId"))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(get(account, "/materials/count")).containsEntry("image", 0);
        messaging(account)
                .get()
                .uri(base(account) + "/media/" + image.get("assetId"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aKeptFreshAssetIsUploadedAgainBeforeWeChatForgetsIt() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> kept = upload(
                        account, "/media", "cat.png", PNG, Map.of("type", "image", "keepFresh", "true"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> once = upload(account, "/media", "dog.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String asset = "/media/" + kept.get("assetId");

        // 61 hours on: the media expires within the refresher's 12 hours ahead.
        advanceBoth(Duration.ofHours(61));

        await().atMost(DEADLINE)
                .until(() -> !kept.get("mediaId").equals(get(account, asset).get("mediaId")));
        Map<String, Object> refreshed = get(account, asset);
        assertThat(refreshed).containsEntry("refreshes", 1);
        assertThat(Instant.parse((String) refreshed.get("expiresAt")))
                .isAfter(Instant.parse((String) kept.get("expiresAt")));

        // Past the first upload's three days: WeChat has forgotten it, the kept asset still works.
        advanceBoth(Duration.ofHours(12));

        assertThat(download(account, asset + "/file")).isEqualTo(PNG);
        messaging(account)
                .get()
                .uri(base(account) + "/media/" + once.get("assetId") + "/file")
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("errcode", 40007));
        assertThat(get(account, "/media/" + once.get("assetId"))).containsEntry("refreshes", 0);
    }

    @Test
    void aReplyRuleNamingATemporaryAssetAnswersWithItsNewMediaIdAfterEachReUpload() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> uploaded = upload(account, "/media", "bird.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String first = (String) uploaded.get("mediaId");
        String asset = "/media/" + uploaded.get("assetId");

        try (KafkaProbe topic = KafkaProbe.on(Topics.REPLY_RULES)) {
            Map<String, Object> rule = post(
                    account,
                    "/rules",
                    Map.of(
                            "trigger", Map.of("type", "KEYWORD_EXACT", "keyword", "bird"),
                            "reply", Map.of("type", "IMAGE", "assetId", uploaded.get("assetId"))),
                    201);
            assertThat(rule.get("reply").toString()).contains(first, (String) uploaded.get("assetId"));
            // A rule is a lasting reference: the asset is kept fresh from now on.
            assertThat(get(account, asset)).containsEntry("keepFresh", true);
            assertThat(publishedReply(topic, account, first)).isEqualTo(new ImageReply(first));

            advanceBoth(Duration.ofHours(61));

            await().atMost(DEADLINE)
                    .until(() -> !first.equals(get(account, asset).get("mediaId")));
            String second = (String) get(account, asset).get("mediaId");
            // callback-service answers "bird" from the set on the topic: now with the new media_id.
            assertThat(publishedReply(topic, account, second)).isEqualTo(new ImageReply(second));
            assertThat(get(account, "/rules").get("rules").toString())
                    .contains(second)
                    .doesNotContain(first);
        }
    }

    @Test
    void rulesAndSendsNamingAnUnknownOrMismatchedAssetAreRefused() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> voice = upload(account, "/media", "hello.mp3", PNG, Map.of("type", "voice"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> trigger = Map.of("type", "KEYWORD_EXACT", "keyword", "hi");

        assertThat(post(
                        account,
                        "/rules",
                        Map.of("trigger", trigger, "reply", Map.of("type", "IMAGE", "assetId", "a_unknown")),
                        404))
                .containsEntry("code", "ASSET_NOT_FOUND");
        assertThat(post(
                                account,
                                "/rules",
                                Map.of(
                                        "trigger",
                                        trigger,
                                        "reply",
                                        Map.of("type", "IMAGE", "assetId", voice.get("assetId"))),
                                400)
                        .get("errors")
                        .toString())
                .contains("reply.assetId", "voice");
        assertThat(post(
                                account,
                                "/rules",
                                Map.of(
                                        "trigger",
                                        trigger,
                                        "reply",
                                        Map.of("type", "VOICE", "assetId", voice.get("assetId"), "mediaId", "m")),
                                400)
                        .get("errors")
                        .toString())
                .contains("reply.assetId");
        assertThat(post(
                                account,
                                "/rules",
                                Map.of(
                                        "trigger",
                                        trigger,
                                        "reply",
                                        Map.of("type", "VOICE", "assetId", voice.get("assetId"))),
                                201)
                        .get("reply")
                        .toString())
                .contains((String) voice.get("mediaId"));

        String messages = "/messages/custom";
        assertThat(post(
                        account,
                        messages,
                        Map.of("openId", "o-asset", "msgType", "image", "image", Map.of("assetId", "a_unknown")),
                        404))
                .containsEntry("code", "ASSET_NOT_FOUND");
        assertThat(post(
                                account,
                                messages,
                                Map.of(
                                        "openId",
                                        "o-asset",
                                        "msgType",
                                        "image",
                                        "image",
                                        Map.of("assetId", voice.get("assetId"))),
                                400)
                        .get("errors")
                        .toString())
                .contains("image.assetId");
    }

    @Test
    void aCustomerServiceMessageNamingAnAssetSendsItsCurrentMediaId() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> image = upload(account, "/media", "fish.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String openId = "o-asset-follower";
        WebTestClient sandbox = TestAccount.client(sandboxProcess.baseUrl());
        sandbox.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/messages", account.appId(), openId)
                .bodyValue(Map.of("msgType", "text", "content", "fish?"))
                .exchange()
                .expectStatus()
                .isOk();
        Inbound.publish(account.events().text(openId, clock.instant().getEpochSecond(), "fish?"));

        Map<String, Object> body =
                Map.of("openId", openId, "msgType", "image", "image", Map.of("assetId", image.get("assetId")));
        Map<String, Object> accepted = await().atMost(DEADLINE)
                .until(
                        () -> postAnswer(account, "/messages/custom", body),
                        answer -> answer.getStatus().value() == 202)
                .getResponseBody();

        assertThat(accepted).containsEntry("content", image.get("mediaId"));
        await().atMost(DEADLINE)
                .until(() -> sandbox.get()
                        .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody()
                        .contains((String) image.get("mediaId")));
    }

    @Test
    void aMassSendNamingAnAssetSendsItsCurrentMediaId() {
        TestAccount account = registered("SERVICE", true);
        Map<String, Object> image = upload(account, "/media", "poster.png", PNG, Map.of("type", "image"))
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        WebTestClient sandbox = TestAccount.client(sandboxProcess.baseUrl());
        sandbox.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", account.appId())
                .bodyValue(Map.of("count", 2, "openIdPrefix", "oMassAsset"))
                .exchange()
                .expectStatus()
                .isCreated();
        List<String> followers = List.of("oMassAsset" + "0".repeat(17) + "0", "oMassAsset" + "0".repeat(17) + "1");

        Map<String, Object> preview = post(
                account,
                "/mass-sends/preview",
                Map.of(
                        "openId",
                        followers.get(0),
                        "msgType",
                        "image",
                        "image",
                        Map.of("assetId", image.get("assetId"))),
                200);
        assertThat(preview).containsEntry("openId", followers.get(0));
        Map<String, Object> job = post(
                account,
                "/mass-sends",
                Map.of("openIds", followers, "msgType", "image", "image", Map.of("assetId", image.get("assetId"))),
                202);
        assertThat(job.get("content").toString()).contains((String) image.get("mediaId"));
        await().atMost(DEADLINE)
                .until(() -> followers.stream()
                        .allMatch(openId -> sandbox.get()
                                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                                .exchange()
                                .expectBody(String.class)
                                .returnResult()
                                .getResponseBody()
                                .contains((String) image.get("mediaId"))));

        assertThat(post(
                        account,
                        "/mass-sends/preview",
                        Map.of("openId", followers.get(0), "msgType", "image", "image", Map.of("assetId", "a_unknown")),
                        404))
                .containsEntry("code", "ASSET_NOT_FOUND");
        assertThat(post(
                                account,
                                "/mass-sends",
                                Map.of(
                                        "openIds",
                                        followers,
                                        "msgType",
                                        "mpnews",
                                        "mpnews",
                                        Map.of("assetId", image.get("assetId"))),
                                400)
                        .get("errors")
                        .toString())
                .contains("mpnews");
    }

    /** The reply the latest rule set on the topic gives a follower's "bird", once it carries {@code mediaId}. */
    private static Object publishedReply(KafkaProbe topic, TestAccount account, String mediaId) {
        ConsumerRecord<String, byte[]> record = topic.awaitMatching(
                        r -> account.appId().equals(r.key())
                                && r.value() != null
                                && new String(r.value(), StandardCharsets.UTF_8).contains(mediaId),
                        1,
                        DEADLINE)
                .get(0);
        ReplyRuleSet set = EventJson.read(record.value(), ReplyRuleSet.class);
        InboundMessage bird = account.events()
                .text("o-bird", Instant.now().getEpochSecond(), "bird")
                .message();
        return set.match(bird).orElseThrow().reply().toPassiveReply();
    }

    private Map<String, Object> post(TestAccount account, String path, Map<String, Object> body, int status) {
        return messaging(account)
                .post()
                .uri(base(account) + path)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private EntityExchangeResult<Map<String, Object>> postAnswer(
            TestAccount account, String path, Map<String, Object> body) {
        return messaging(account)
                .post()
                .uri(base(account) + path)
                .bodyValue(body)
                .exchange()
                .expectBody(JSON)
                .returnResult();
    }

    private void advanceBoth(Duration by) {
        TestAccount.client(sandboxProcess.baseUrl())
                .post()
                .uri("/sandbox/clock/advance")
                .bodyValue(Map.of("seconds", by.toSeconds()))
                .exchange()
                .expectStatus()
                .isOk();
        clock.advance(by);
    }

    private WebTestClient messaging(TestAccount account) {
        return account.adminClient("http://localhost:" + port);
    }

    private static String base(TestAccount account) {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
    }

    private WebTestClient.ResponseSpec upload(
            TestAccount account, String path, String filename, byte[] bytes, Map<String, String> fields) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(bytes) {
                    @Override
                    public String getFilename() {
                        return filename;
                    }
                })
                .filename(filename);
        fields.forEach(parts::part);
        return messaging(account)
                .post()
                .uri(base(account) + path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange();
    }

    private Map<String, Object> get(TestAccount account, String path) {
        return messaging(account)
                .get()
                .uri(base(account) + path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private byte[] download(TestAccount account, String path) {
        return messaging(account)
                .get()
                .uri(base(account) + path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private List<String> sandboxCalls(TestAccount account) {
        List<Map<String, Object>> calls = TestAccount.client(sandboxProcess.baseUrl())
                .get()
                .uri("/sandbox/accounts/{appId}/api-calls", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        return calls.stream().map(call -> (String) call.get("api")).toList();
    }
}
