package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Callbacks that must be refused, sent over real HTTP with signatures computed by the protocol library: each gets
 * its status, is counted under its reason, and leaves nothing on Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedCallbacksIT {

    private static final Duration NOTHING_ARRIVES = Duration.ofSeconds(1);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("spring.kafka.bootstrap-servers", platform::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_refused_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    TestAccount safe;
    TestAccount plain;
    KafkaProbe inbound;
    WebTestClient client;

    @BeforeAll
    void registerAccounts() {
        Registration registration = new Registration(RealPlatform.get());
        safe = registration.inTokenService(TestAccount.random(EncryptionMode.SAFE));
        plain = registration.inTokenService(TestAccount.random(EncryptionMode.PLAIN));
        inbound = KafkaProbe.on(Topics.INBOUND);
    }

    @AfterAll
    void closeProbe() {
        inbound.close();
    }

    @BeforeEach
    void setUp() {
        client =
                WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void aForgedSignatureIsForbidden() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 1L, Instant.now());
        String forged = Signatures.handshake(
                "guessed", genuine.query().get("timestamp"), genuine.query().get("nonce"));

        assertRefused(
                "bad_signature",
                403,
                safe,
                c -> post(
                        safe,
                        new SignedCallback(Callbacks.with(genuine.query(), "signature", forged), genuine.body())));
    }

    @Test
    void aForgedMessageSignatureIsForbidden() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 2L, Instant.now());

        assertRefused(
                "bad_msg_signature",
                403,
                safe,
                c -> post(
                        safe,
                        new SignedCallback(
                                Callbacks.with(genuine.query(), "msg_signature", "0".repeat(40)), genuine.body())));
    }

    @Test
    void aCallbackOlderThanTheReplayWindowIsForbidden() {
        SignedCallback stale =
                Callbacks.text(safe, TestAccount.openId(), 3L, Instant.now().minusSeconds(6 * 60));

        assertRefused("stale_timestamp", 403, safe, c -> post(safe, stale));
    }

    @Test
    void ciphertextSealedForAnotherAppIdIsForbidden() {
        String openId = TestAccount.openId();
        Instant now = Instant.now();
        SignedCallback forOther =
                Callbacks.sign(safe, "wx0123456789abcdef", Callbacks.textXml(safe, openId, 4L, now), openId, now);

        assertRefused("appid_mismatch", 403, safe, c -> post(safe, forOther));
    }

    @Test
    void malformedXmlIsABadRequest() {
        Instant now = Instant.now();
        SignedCallback broken = Callbacks.sign(plain, plain.appId(), "<xml><ToUserName>gh_1</ToUserName", null, now);

        assertRefused("malformed", 400, plain, c -> post(plain, broken));
    }

    @Test
    void aDoctypeIsABadRequestAndNothingIsResolved() {
        Instant now = Instant.now();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + Callbacks.textXml(plain, "o-xxe", 5L, now).replace("hello", "&x;");
        SignedCallback doctype = Callbacks.sign(plain, plain.appId(), xxe, "o-xxe", now);

        assertRefused("dtd_forbidden", 400, plain, c -> post(plain, doctype));
    }

    @Test
    void aDoctypeInsideTheEncryptedPayloadIsABadRequest() {
        Instant now = Instant.now();
        String xxe = "<!DOCTYPE xml [<!ENTITY x \"boom\">]>" + Callbacks.textXml(safe, "o-xxe", 6L, now);
        SignedCallback doctype = Callbacks.sealRaw(safe, xxe, "o-xxe", now);

        assertRefused("dtd_forbidden", 400, safe, c -> post(safe, doctype));
    }

    @Test
    void bodiesOver64KbAreTooLargeWhetherDeclaredOrStreamed() {
        Instant now = Instant.now();
        String huge = Callbacks.textXml(plain, "o-big", 7L, now).replace("hello", "x".repeat(64 * 1024));
        SignedCallback big = Callbacks.sign(plain, plain.appId(), huge, "o-big", now);
        byte[] bytes = big.body().getBytes(StandardCharsets.UTF_8);

        assertRefused("body_too_large", 413, plain, c -> post(plain, big));
        assertRefused(
                "body_too_large",
                413,
                plain,
                c -> client.post()
                        .uri(Callbacks.uri(plain.appId(), big.query()))
                        .contentType(MediaType.TEXT_XML)
                        .body(Flux.range(0, bytes.length / 1024 + 1).map(i -> chunk(bytes, i)), DataBuffer.class)
                        .exchange());
    }

    @Test
    void anUnknownAppIdIsNotFound() {
        TestAccount stranger = TestAccount.random(EncryptionMode.SAFE);

        assertRefused(
                "unknown_app",
                404,
                stranger,
                c -> post(stranger, Callbacks.text(stranger, TestAccount.openId(), 8L, Instant.now())));
    }

    @Test
    void missingSignatureParametersAreABadRequest() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 9L, Instant.now());
        var query = new java.util.LinkedHashMap<>(genuine.query());
        query.remove("signature");

        assertRefused("missing_parameter", 400, safe, c -> post(safe, new SignedCallback(query, genuine.body())));
    }

    @Test
    void aMethodTheUrlDoesNotTakeIsNotAllowed() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 11L, Instant.now());
        String uri = Callbacks.uri(safe.appId(), genuine.query());

        assertRefused(
                "method_not_allowed",
                405,
                safe,
                c -> c.put()
                        .uri(uri)
                        .contentType(MediaType.TEXT_XML)
                        .bodyValue(genuine.body())
                        .exchange());
        client.delete()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .value(
                        HttpHeaders.ALLOW,
                        allow -> assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "POST"));
        client.get()
                .uri("/wx/component/" + safe.appId() + "/auth")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "POST");
    }

    @Test
    void aBodyThatIsNotXmlIsUnsupported() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 12L, Instant.now());

        assertRefused(
                "unsupported_media_type",
                415,
                safe,
                c -> c.post()
                        .uri(Callbacks.uri(safe.appId(), genuine.query()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(genuine.body())
                        .exchange());
    }

    @Test
    void aPathThatCannotNameAnAccountIsNotFound() {
        SignedCallback genuine = Callbacks.text(safe, TestAccount.openId(), 13L, Instant.now());

        assertRefused(
                "unknown_app",
                404,
                safe,
                c -> c.post()
                        .uri("/wx/{appId}/callback", "wx' OR 1=1")
                        .contentType(MediaType.TEXT_XML)
                        .bodyValue(genuine.body())
                        .exchange());
    }

    @Test
    void refusalsAreVisibleToPrometheusByReason() {
        post(
                        safe,
                        new SignedCallback(
                                Callbacks.with(
                                        Callbacks.text(safe, TestAccount.openId(), 10L, Instant.now())
                                                .query(),
                                        "signature",
                                        "0".repeat(40)),
                                "<xml/>"))
                .expectStatus()
                .isForbidden();

        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(metrics -> assertThat(metrics)
                        .containsPattern("wx_callback_rejected_total\\{[^}]*reason=\"bad_signature\"[^}]*} [1-9]")
                        .containsPattern("wx_callback_rejected_total\\{[^}]*reason=\"dtd_forbidden\"[^}]*} "));
    }

    private void assertRefused(
            String reason, int status, TestAccount account, Function<WebTestClient, WebTestClient.ResponseSpec> send) {
        double before = rejected(reason);

        send.apply(client).expectStatus().isEqualTo(status).expectBody().isEmpty();

        assertThat(rejected(reason)).isEqualTo(before + 1);
        assertThat(inbound.drainFor(NOTHING_ARRIVES))
                .noneMatch(r -> r.key() != null && r.key().startsWith(account.appId() + "|"));
    }

    private WebTestClient.ResponseSpec post(TestAccount account, SignedCallback callback) {
        return Callbacks.post(client, account, callback);
    }

    private double rejected(String reason) {
        return meters.get("wx.callback.rejected")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private static DataBuffer chunk(byte[] bytes, int index) {
        int from = index * 1024;
        int to = Math.min(bytes.length, from + 1024);
        return DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(bytes, from, to));
    }
}
