package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** WeChat's retries as the sandbox plays them on request: byte-identical repeats, round-robin over targets. */
class RepeatedDeliveryIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";

    private FakePlatform accountUrl;
    private FakePlatform first;
    private FakePlatform second;

    @BeforeEach
    void startPlatforms() {
        accountUrl = new FakePlatform();
        first = new FakePlatform();
        second = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", accountUrl.url());
        account.put("encryptionMode", EncryptionMode.SAFE.name());
        createAccount(account);
    }

    @AfterEach
    void stopPlatforms() {
        accountUrl.close();
        first.close();
        second.close();
    }

    /** Opens the callback and answers "got <Content>" sealed under the account's key. */
    private static Mono<FakePlatform.Answer> acknowledge(FakePlatform.Received r) {
        OpenedCallback callback =
                CallbackVerifier.verify(r.query(), r.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID);
        Map<String, String> fields = SafeXml.parseFields(callback.innerXml());
        String reply = ReplyRenderer.render(
                new TextReply("got " + fields.get("Content")),
                fields.get("FromUserName"),
                fields.get("ToUserName"),
                Long.parseLong(fields.get("CreateTime")));
        return Mono.just(FakePlatform.Answer.ok(ReplySealer.seal(
                reply,
                callback.mode(),
                TOKEN,
                new MessageCrypto(callback.keyUsed(), APP_ID),
                "1714112445",
                "415670741")));
    }

    private Map<String, Object> say(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("msgType", "text", "content", "again"));
        body.putAll(extra);
        return postJson("/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/messages", body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> outcome) {
        return (List<Map<String, Object>>) outcome.get("attempts");
    }

    @Test
    void repeatedDeliveriesAreByteIdenticalWhateverTheAnswers() {
        accountUrl.behave(RepeatedDeliveryIT::acknowledge);

        Map<String, Object> outcome = say(Map.of("deliveries", 3));

        List<FakePlatform.Received> received = accountUrl.received();
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(FakePlatform.Received::query)
                .containsOnly(received.get(0).query());
        assertThat(received)
                .extracting(FakePlatform.Received::body)
                .containsOnly(received.get(0).body());
        assertThat(attempts(outcome))
                .extracting(a -> a.get("attempt"), a -> a.get("status"))
                .containsExactly(tuple(1, 200), tuple(2, 200), tuple(3, 200));
        assertThat(attempts(outcome))
                .allSatisfy(a -> assertThat(a.get("reply"))
                        .isEqualTo(Map.of(
                                "empty",
                                false,
                                "wasEncrypted",
                                true,
                                "verified",
                                true,
                                "msgType",
                                "text",
                                "content",
                                "got again")));
        assertThat(outcome).doesNotContainKey("error");
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
        List<Map<String, Object>> inbox = http.get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, ALICE)
                .exchange()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(inbox).singleElement().satisfies(e -> assertThat(e).containsEntry("content", "got again"));
    }

    @Test
    void failedAnswersDoNotStopTheRepeats() {
        accountUrl.behave(r -> Mono.just(new FakePlatform.Answer(503, "busy")));

        Map<String, Object> outcome = say(Map.of("deliveries", 2));

        assertThat(accountUrl.received()).hasSize(2);
        assertThat(attempts(outcome)).extracting(a -> a.get("status")).containsExactly(503, 503);
        assertThat(outcome).containsEntry("error", "no 2xx answer after 2 attempts");
    }

    @Test
    void targetsTakeTheRepeatsRoundRobinInsteadOfTheAccountsUrl() {
        first.behave(RepeatedDeliveryIT::acknowledge);
        second.behave(RepeatedDeliveryIT::acknowledge);

        Map<String, Object> outcome = postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events",
                Map.of(
                        "event",
                        "CLICK",
                        "eventKey",
                        "MENU_1",
                        "deliveries",
                        4,
                        "targets",
                        List.of(first.url(), second.url())));

        assertThat(accountUrl.received()).isEmpty();
        assertThat(first.received()).hasSize(2);
        assertThat(second.received()).hasSize(2);
        FakePlatform.Received one = first.received().get(0);
        assertThat(first.received()).allSatisfy(r -> assertThat(r).isEqualTo(one));
        assertThat(second.received()).allSatisfy(r -> assertThat(r).isEqualTo(one));
        assertThat(attempts(outcome))
                .extracting(a -> a.get("target"))
                .containsExactly(first.url(), second.url(), first.url(), second.url());
        OpenedCallback opened =
                CallbackVerifier.verify(one.query(), one.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID);
        assertThat(SafeXml.parseFields(opened.innerXml())).containsEntry("Event", "CLICK");
    }

    @Test
    void aSingleDeliveryRetriesOnTheNextTargetAfterAFailure() {
        FakePlatform gone = new FakePlatform();
        String deadUrl = gone.url();
        gone.close();
        second.behave(RepeatedDeliveryIT::acknowledge);

        Map<String, Object> outcome = say(Map.of("targets", List.of(deadUrl, second.url())));

        assertThat(attempts(outcome)).hasSize(2);
        assertThat(attempts(outcome).get(0)).doesNotContainKey("status").containsEntry("target", deadUrl);
        assertThat(attempts(outcome).get(1))
                .containsEntry("status", 200)
                .containsEntry("target", second.url())
                .doesNotContainKey("reply");
        assertThat(outcome).containsEntry("callbackUrl", deadUrl).doesNotContainKey("error");
        assertThat(second.received()).hasSize(1);
    }

    @Test
    void deliveriesOutOfRangeAndTargetsThatAreNotHttpUrlsAreRefused() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("deliveries", 0),
                Map.of("deliveries", 101),
                Map.of("targets", List.of("ftp://host/x")),
                Map.of("targets", List.of("not a url")))) {
            Map<String, Object> body = new HashMap<>(Map.of("msgType", "text", "content", "x"));
            body.putAll(bad);
            http.post()
                    .uri("/sandbox/accounts/{a}/followers/{o}/messages", APP_ID, ALICE)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }
        assertThat(accountUrl.received()).isEmpty();
    }
}
