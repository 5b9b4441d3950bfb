package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Callbacks sent by the sandbox (playing WeChat) to callback-service, with settings from the real token-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallbacksFromWeChatIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("spring.kafka.bootstrap-servers", platform::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_it");
    }

    @LocalServerPort
    int port;

    Registration registration;
    KafkaProbe inbound;
    WebTestClient callbackService;

    @BeforeEach
    void setUp() {
        registration = new Registration(RealPlatform.get());
        inbound = KafkaProbe.on(Topics.INBOUND);
        callbackService =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @AfterEach
    void tearDown() {
        inbound.close();
    }

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void aFollowersTextBecomesOneDurableEventBeforeWeChatHearsSuccess(EncryptionMode mode) throws Exception {
        TestAccount account = registration.inTokenService(TestAccount.random(mode));
        registration.inSandbox(account, account.callbackUrl(port));
        String openId = TestAccount.openId();

        JsonNode outcome = JSON.readTree(registration.followerSaysText(account, openId, "hello"));

        assertThat(outcome.get("attempts")).hasSize(1);
        assertThat(outcome.get("attempts").get(0).get("status").asInt()).isEqualTo(200);
        assertThat(outcome.get("reply").get("verified").asBoolean()).isTrue();
        assertThat(outcome.get("reply").get("empty").asBoolean())
                .as("'success' means no passive reply")
                .isTrue();

        String key = account.appId() + "|" + openId;
        inbound.awaitMatching(r -> key.equals(r.key()), 1, KAFKA_WAIT);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(account);
        assertThat(records).singleElement().satisfies(record -> {
            String eventId = account.appId() + ":msg:" + outcome.get("msgId").asLong();
            assertThat(record.key()).isEqualTo(key);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(eventId);
            assertThat(header(record, "ce_source")).isEqualTo("/wx/" + account.appId());
            assertThat(header(record, "ce_type")).isEqualTo("io.wxplatform.wx.inbound.text");
            assertThat(Instant.parse(header(record, "ce_time")))
                    .isBefore(Instant.now().plusSeconds(1));
            assertThat(header(record, "ce_tenantid")).isEqualTo(account.tenantId());
            assertThat(header(record, "ce_appid")).isEqualTo(account.appId());
            assertThat(header(record, "content-type")).isEqualTo("application/json");

            JsonNode body = JSON.readTree(record.value());
            assertThat(body.get("eventId").asString()).isEqualTo(eventId);
            assertThat(body.get("openId").asString()).isEqualTo(openId);
            assertThat(body.get("toUserName").asString()).isEqualTo(account.originalId());
            assertThat(body.get("msgType").asString()).isEqualTo("text");
            assertThat(body.get("fields").get("Content").asString()).isEqualTo("hello");
        });
    }

    @Test
    void aRetriedCallbackIsPublishedAgainUnderTheSameEventId() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String openId = TestAccount.openId();
        SignedCallback callback = Callbacks.text(account, openId, 8_000_000_000_000_001L, Instant.now());

        for (int attempt = 0; attempt < 2; attempt++) {
            Callbacks.post(callbackService, account, callback)
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo("success");
        }

        inbound.awaitMatching(r -> r.key().startsWith(account.appId() + "|"), 2, KAFKA_WAIT);
        assertThat(recordsOf(account))
                .extracting(r -> header(r, "ce_id"))
                .containsExactly(account.appId() + ":msg:8000000000000001", account.appId() + ":msg:8000000000000001");
    }

    @Test
    void urlVerificationEchoesEchostrOnlyForTheRightSignature() {
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        Map<String, String> query = CallbackRequest.handshake(
                account.callbackToken(),
                "echo-1234567890",
                String.valueOf(Instant.now().getEpochSecond()),
                "nonce42");

        callbackService
                .get()
                .uri(Callbacks.uri(account.appId(), query))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class)
                .isEqualTo("echo-1234567890");

        String forged = Signatures.handshake("not-the-token", query.get("timestamp"), query.get("nonce"));
        callbackService
                .get()
                .uri(Callbacks.uri(account.appId(), Callbacks.with(query, "signature", forged)))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .isEmpty();
        callbackService
                .get()
                .uri(Callbacks.uri("wx00000000000000ff", query))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(TestAccount account) {
        return inbound.drainFor(Duration.ofSeconds(1)).stream()
                .filter(r -> r.key().startsWith(account.appId() + "|"))
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
