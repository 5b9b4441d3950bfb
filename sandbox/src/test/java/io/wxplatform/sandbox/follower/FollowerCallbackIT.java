package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.callback.ReplySealer;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.ReplyRenderer;
import io.wxplatform.wechat.protocol.reply.TextReply;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

class FollowerCallbackIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";

    @LocalServerPort
    private int port;

    private FakePlatform platform;
    /** What the in-test platform saw after verifying and decrypting each callback. */
    private final List<OpenedCallback> opened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPlatform() {
        platform = new FakePlatform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private void accountIn(EncryptionMode mode) {
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        account.put("encryptionMode", mode.name());
        createAccount(account);
    }

    /** Plays the platform: verifies and opens the callback, answers "echo: <content>" sealed as the callback came. */
    private Mono<FakePlatform.Answer> echo(FakePlatform.Received r) {
        OpenedCallback callback =
                CallbackVerifier.verify(r.query(), r.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID);
        opened.add(callback);
        Map<String, String> fields = SafeXml.parseFields(callback.innerXml());
        String reply = ReplyRenderer.render(
                new TextReply("echo: " + fields.get("Content")),
                fields.get("FromUserName"),
                fields.get("ToUserName"),
                Long.parseLong(fields.get("CreateTime")));
        MessageCrypto crypto = callback.keyUsed() == null ? null : new MessageCrypto(callback.keyUsed(), APP_ID);
        return Mono.just(FakePlatform.Answer.ok(
                ReplySealer.seal(reply, callback.mode(), TOKEN, crypto, "1714112445", "415670741")));
    }

    private Map<String, Object> say(String openId, String content) {
        return followerSays(openId, content);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reply(Map<String, Object> outcome) {
        return (Map<String, Object>) outcome.get("reply");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private List<Map<String, Object>> inbox(String openId) {
        return http.get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, openId)
                .exchange()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
    }

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void aFollowersTextReachesThePlatformAndTheVerifiedReplyReachesTheFollower(EncryptionMode mode) {
        accountIn(mode);
        platform.behave(this::echo);

        Map<String, Object> outcome = say(ALICE, "hello <&> ]]> world");

        assertThat(list(outcome.get("attempts")))
                .singleElement()
                .satisfies(a -> assertThat(a).containsEntry("status", 200).doesNotContainKey("error"));
        assertThat(reply(outcome))
                .containsEntry("verified", true)
                .containsEntry("empty", false)
                .containsEntry("wasEncrypted", mode.encrypted())
                .containsEntry("msgType", "text")
                .containsEntry("content", "echo: hello <&> ]]> world");
        assertThat(opened).singleElement().satisfies(callback -> {
            assertThat(callback.mode()).isEqualTo(mode);
            assertThat(SafeXml.parseFields(callback.innerXml()))
                    .containsEntry("ToUserName", ORIGINAL_ID)
                    .containsEntry("FromUserName", ALICE)
                    .containsEntry("MsgType", "text")
                    .containsEntry("Content", "hello <&> ]]> world")
                    .containsEntry("MsgId", outcome.get("msgId").toString())
                    .containsEntry("CreateTime", outcome.get("createTime").toString());
        });
        assertThat(inbox(ALICE))
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("source", "PASSIVE_REPLY")
                        .containsEntry("content", "echo: hello <&> ]]> world"));
    }

    @Test
    void safeModeSendsOnlyTheEnvelopeAndCompatibleModeSendsBoth() {
        accountIn(EncryptionMode.SAFE);
        platform.behave(this::echo);
        say(ALICE, "safe");
        http.patch()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .bodyValue(Map.of("encryptionMode", "COMPATIBLE"))
                .exchange()
                .expectStatus()
                .isOk();
        say(ALICE, "compatible");
        http.patch()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .bodyValue(Map.of("encryptionMode", "PLAIN"))
                .exchange()
                .expectStatus()
                .isOk();
        say(ALICE, "plain");

        List<FakePlatform.Received> received = platform.received();
        assertThat(SafeXml.parseFields(received.get(0).body())).containsOnlyKeys("ToUserName", "Encrypt");
        assertThat(received.get(0).query())
                .containsEntry("encrypt_type", "aes")
                .containsEntry("openid", ALICE)
                .containsKeys("signature", "timestamp", "nonce", "msg_signature");
        assertThat(SafeXml.parseFields(received.get(1).body()))
                .containsEntry("Content", "compatible")
                .containsKey("Encrypt");
        assertThat(SafeXml.parseFields(received.get(2).body()))
                .containsEntry("Content", "plain")
                .doesNotContainKey("Encrypt");
        assertThat(received.get(2).query()).doesNotContainKeys("encrypt_type", "msg_signature");
    }

    @Test
    void aPlatformTooSlowToAnswerGetsThreeAttemptsWithTheSameCallback() {
        accountIn(EncryptionMode.SAFE);
        platform.behave(r -> Mono.delay(Duration.ofSeconds(2)).thenReturn(FakePlatform.Answer.ok("success")));

        Map<String, Object> outcome = say(ALICE, "anyone there?");

        assertThat(list(outcome.get("attempts")))
                .hasSize(3)
                .allSatisfy(a ->
                        assertThat(a).doesNotContainKey("status").containsEntry("error", "no answer within 500 ms"));
        assertThat(outcome)
                .containsEntry("error", "no 2xx answer after 3 attempts")
                .doesNotContainKey("reply");
        List<FakePlatform.Received> received = platform.received();
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(FakePlatform.Received::body)
                .containsOnly(received.get(0).body());
        assertThat(received)
                .extracting(FakePlatform.Received::query)
                .containsOnly(received.get(0).query());
        List<Map<String, Object>> log = http.get()
                .uri("/sandbox/accounts/{a}/callbacks", APP_ID)
                .exchange()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(log).extracting(e -> e.get("attempt")).containsExactly(1, 2, 3);
        assertThat(log)
                .extracting(e -> e.get("callbackId"))
                .containsOnly(log.get(0).get("callbackId"));
        assertThat(log)
                .allSatisfy(e -> assertThat(e).containsKeys("at", "millis").containsEntry("kind", "text"));
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAnswerCounts() {
        accountIn(EncryptionMode.COMPATIBLE);
        AtomicInteger calls = new AtomicInteger();
        platform.behave(r -> calls.incrementAndGet() == 1 ? Mono.just(new FakePlatform.Answer(503, "busy")) : echo(r));

        Map<String, Object> outcome = say(ALICE, "retry me");

        assertThat(list(outcome.get("attempts")))
                .extracting(a -> a.get("status"))
                .containsExactly(503, 200);
        assertThat(reply(outcome)).containsEntry("verified", true).containsEntry("content", "echo: retry me");
    }

    @Test
    void aReplyWithABadSignatureIsRecordedAsUnverified() {
        accountIn(EncryptionMode.SAFE);
        platform.behave(r -> {
            String reply = ReplyRenderer.render(new TextReply("forged"), ALICE, ORIGINAL_ID, 1714112445L);
            String encrypt = new MessageCrypto(EncodingAesKey.parse(AES_KEY), APP_ID).encrypt(reply);
            return Mono.just(
                    FakePlatform.Answer.ok(ReplySealer.envelope(encrypt, "not-the-token", "1714112445", "415670741")));
        });

        Map<String, Object> outcome = say(ALICE, "hello");

        assertThat(reply(outcome)).containsEntry("verified", false).containsEntry("wasEncrypted", true);
        assertThat((String) reply(outcome).get("error")).contains("BAD_MSG_SIGNATURE");
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void aPlainReplyToASafeModeCallbackIsRefused() {
        accountIn(EncryptionMode.SAFE);
        platform.behave(r -> Mono.just(FakePlatform.Answer.ok(
                ReplyRenderer.render(new TextReply("in clear"), ALICE, ORIGINAL_ID, 1714112445L))));

        assertThat(reply(say(ALICE, "hello"))).containsEntry("verified", false).containsEntry("wasEncrypted", false);
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void successMeansNoReply() {
        accountIn(EncryptionMode.PLAIN);

        assertThat(reply(say(ALICE, "hello"))).containsEntry("empty", true).containsEntry("verified", true);
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void subscribeAndUnsubscribeEventsChangeTheFollowerAndReachThePlatform() {
        accountIn(EncryptionMode.SAFE);
        platform.behave(r -> {
            opened.add(CallbackVerifier.verify(
                    r.query(), r.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID));
            return Mono.just(FakePlatform.Answer.ok("success"));
        });

        postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events",
                Map.of("event", "subscribe", "eventKey", "qrscene_42", "ticket", "TICKET"));
        assertThat(followers())
                .singleElement()
                .satisfies(f -> assertThat(f).containsEntry("openId", ALICE).containsEntry("subscribed", true));
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events", Map.of("event", "unsubscribe"));

        assertThat(followers()).singleElement().satisfies(f -> assertThat(f).containsEntry("subscribed", false));
        assertThat(opened)
                .extracting(c -> SafeXml.parseFields(c.innerXml()))
                .satisfiesExactly(
                        subscribe -> assertThat(subscribe)
                                .containsEntry("MsgType", "event")
                                .containsEntry("Event", "subscribe")
                                .containsEntry("EventKey", "qrscene_42")
                                .containsEntry("Ticket", "TICKET")
                                .doesNotContainKey("MsgId"),
                        unsubscribe -> assertThat(unsubscribe).containsEntry("Event", "unsubscribe"));
        http.post()
                .uri("/sandbox/accounts/{a}/followers/oNever/events", APP_ID)
                .bodyValue(Map.of("event", "unsubscribe"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void theCallerCanWaitForTheCustomerServiceMessagesThePlatformSends() {
        accountIn(EncryptionMode.SAFE);
        WebClient sandbox = WebClient.create("http://127.0.0.1:" + port);
        platform.behave(r -> {
            // Answer at once, then reply through the customer-service API, as an asynchronous platform does.
            sandbox.get()
                    .uri("/cgi-bin/token?grant_type=client_credential&appid={a}&secret={s}", APP_ID, SECRET)
                    .retrieve()
                    .bodyToMono(JSON)
                    .delayElement(Duration.ofMillis(200))
                    .flatMap(grant -> sandbox.post()
                            .uri("/cgi-bin/message/custom/send?access_token={t}", grant.get("access_token"))
                            .bodyValue(Map.of("touser", ALICE, "msgtype", "text", "text", Map.of("content", "hi!")))
                            .retrieve()
                            .bodyToMono(String.class))
                    .subscribe();
            return Mono.just(FakePlatform.Answer.ok("success"));
        });

        Map<String, Object> outcome = postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/messages?awaitMessages=1&timeoutMs=5000",
                Map.of("msgType", "text", "content", "hello"));

        assertThat(list(outcome.get("messages")))
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .containsEntry("source", "CUSTOMER_SERVICE")
                        .containsEntry("content", "hi!"));
    }

    @Test
    void waitingEndsAtTheTimeoutWithWhatArrived() {
        accountIn(EncryptionMode.PLAIN);

        Map<String, Object> outcome = postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/messages?awaitMessages=1&timeoutMs=300",
                Map.of("msgType", "text", "content", "hello"));

        assertThat(list(outcome.get("messages"))).isEmpty();
    }

    private List<Map<String, Object>> followers() {
        return http.get()
                .uri("/sandbox/accounts/{a}/followers", APP_ID)
                .exchange()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
    }
}
