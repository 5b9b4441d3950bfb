package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.sandbox.callback.ComponentCallbackKeys;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.callback.ReplySealer;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.ReplyRenderer;
import io.wxplatform.wechat.protocol.reply.TextReply;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/** Accounts authorized to a component send safe-mode callbacks under the component's Token, key and appid. */
class ComponentCallbackIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";
    private static final String COMPONENT_APP_ID = "wxc0c0c0c0c0c0c0c0";
    private static final String COMPONENT_TOKEN = "componentToken";
    private static final String COMPONENT_KEY = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkj";

    /** Stands in for the component simulator: one known component. */
    @TestConfiguration
    static class OneComponent {
        @Bean
        @Primary
        ComponentCallbackKeys testComponentKeys() {
            return componentAppId -> COMPONENT_APP_ID.equals(componentAppId)
                    ? Optional.of(new ComponentCallbackKeys.Keys(COMPONENT_TOKEN, COMPONENT_KEY))
                    : Optional.empty();
        }
    }

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() {
        platform = new FakePlatform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private void authorizedAccount(String componentAppId) {
        Map<String, Object> account = account(APP_ID);
        account.put("encryptionMode", EncryptionMode.PLAIN.name());
        account.put("componentAppId", componentAppId);
        account.put("callbackUrl", platform.base() + "/wx/component/" + COMPONENT_APP_ID + "/$APPID$/callback");
        createAccount(account);
    }

    private static OpenedCallback openAsComponent(FakePlatform.Received r) {
        return CallbackVerifier.verify(
                r.query(), r.body(), COMPONENT_TOKEN, List.of(EncodingAesKey.parse(COMPONENT_KEY)), COMPONENT_APP_ID);
    }

    @Test
    void anAuthorizedAccountsCallbackIsSafeModeUnderTheComponentsKeysAtItsOwnUrl() {
        authorizedAccount(COMPONENT_APP_ID);
        platform.behave(r -> {
            OpenedCallback opened = openAsComponent(r);
            Map<String, String> f = SafeXml.parseFields(opened.innerXml());
            String reply = ReplyRenderer.render(
                    new TextReply("hi from the platform"), f.get("FromUserName"), f.get("ToUserName"), 1714112445L);
            return Mono.just(FakePlatform.Answer.ok(ReplySealer.seal(
                    reply,
                    opened.mode(),
                    COMPONENT_TOKEN,
                    new MessageCrypto(opened.keyUsed(), COMPONENT_APP_ID),
                    "1714112445",
                    "415670741")));
        });

        Map<String, Object> outcome = postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/messages",
                Map.of("msgType", "text", "content", "hello platform"));

        FakePlatform.Received received = platform.received().get(0);
        assertThat(received.path()).isEqualTo("/wx/component/" + COMPONENT_APP_ID + "/" + APP_ID + "/callback");
        assertThat(received.query()).containsEntry("encrypt_type", "aes").containsEntry("openid", ALICE);
        assertThat(SafeXml.parseFields(received.body())).containsOnlyKeys("ToUserName", "Encrypt");
        OpenedCallback opened = openAsComponent(received);
        assertThat(opened.mode()).isEqualTo(EncryptionMode.SAFE);
        TextMessage message = (TextMessage) InboundMessages.parse(opened.innerXml());
        assertThat(message.content()).isEqualTo("hello platform");
        assertThat(message.toUserName()).isEqualTo(ORIGINAL_ID);
        assertThat(outcome.get("reply"))
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
                        "hi from the platform"));
    }

    @Test
    void theAccountsOwnTokenAndKeyDoNotOpenIt() {
        authorizedAccount(COMPONENT_APP_ID);

        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events", Map.of("event", "subscribe"));

        FakePlatform.Received received = platform.received().get(0);
        assertThatThrownBy(() -> CallbackVerifier.verify(
                        received.query(), received.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID))
                .isInstanceOf(CallbackRejectedException.class);
        assertThatThrownBy(() -> CallbackVerifier.verify(
                        received.query(),
                        received.body(),
                        COMPONENT_TOKEN,
                        List.of(EncodingAesKey.parse(COMPONENT_KEY)),
                        APP_ID))
                .isInstanceOf(CallbackRejectedException.class)
                .hasMessageContaining("appid");
        assertThat(SafeXml.parseFields(openAsComponent(received).innerXml())).containsEntry("Event", "subscribe");
    }

    @Test
    void anAccountOfAnUnknownComponentSendsNothing() {
        authorizedAccount("wx0000000000000bad");

        Map<String, Object> outcome = postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/messages",
                Map.of("msgType", "text", "content", "anyone?"));

        assertThat(outcome).containsEntry("error", "no callback keys for component wx0000000000000bad");
        assertThat(platform.received()).isEmpty();
        assertThat(getJson("/sandbox/accounts/{a}", APP_ID)).containsEntry("componentAppId", "wx0000000000000bad");
    }
}
