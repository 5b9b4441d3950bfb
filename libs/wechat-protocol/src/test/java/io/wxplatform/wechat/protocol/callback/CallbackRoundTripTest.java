package io.wxplatform.wechat.protocol.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.reply.ReplyParser;
import io.wxplatform.wechat.protocol.reply.ReplyRenderer;
import io.wxplatform.wechat.protocol.reply.TextReply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sandbox builds a callback, platform opens it and seals a reply, sandbox opens the reply. */
class CallbackRoundTripTest {

    static final String TOKEN = "callbackToken";
    static final String APP_ID = "wx1234567890abcdef";
    static final EncodingAesKey CURRENT = EncodingAesKey.parse("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    static final EncodingAesKey PREVIOUS = EncodingAesKey.parse("0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
    static final String INNER = "<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
            + "<FromUserName><![CDATA[oFollower]]></FromUserName><CreateTime>1700000000</CreateTime>"
            + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 ]]]]><![CDATA[> world]]></Content>"
            + "<MsgId>42</MsgId></xml>";

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void aCallbackAndItsReplySurviveTheRoundTripInEveryMode(EncryptionMode mode) {
        SignedCallback request =
                CallbackRequest.build(mode, TOKEN, CURRENT, APP_ID, INNER, "oFollower", "1700000000", "nonce1");

        OpenedCallback opened =
                CallbackVerifier.verify(request.query(), request.body(), TOKEN, List.of(CURRENT, PREVIOUS), APP_ID);

        assertThat(opened.mode()).isEqualTo(mode);
        assertThat(opened.innerXml()).isEqualTo(INNER);
        assertThat(opened.keyUsed()).isEqualTo(mode == EncryptionMode.PLAIN ? null : CURRENT);
        TextMessage message = (TextMessage) InboundMessages.parse(opened.innerXml());
        assertThat(message.content()).isEqualTo("你好 ]]> world");

        String replyXml = ReplyRenderer.render(
                new TextReply("echo: " + message.content()), message.fromUserName(), message.toUserName(), 1700000001L);
        MessageCrypto crypto = opened.keyUsed() == null ? null : new MessageCrypto(opened.keyUsed(), APP_ID);
        String sealed = ReplySealer.seal(replyXml, opened.mode(), TOKEN, crypto, "1700000001", "nonce2");

        OpenedReply reply = ReplyOpener.open(sealed, mode, TOKEN, new MessageCrypto(CURRENT, APP_ID));
        assertThat(reply.empty()).isFalse();
        assertThat(reply.wasEncrypted()).isEqualTo(mode.encrypted());
        assertThat(reply.innerXml()).isEqualTo(replyXml);
        assertThat(ReplyParser.parse(reply.innerXml())).isEqualTo(new TextReply("echo: 你好 ]]> world"));
    }

    @Test
    void requestsCarryTheQueryParametersWeChatSends() {
        SignedCallback plain =
                CallbackRequest.build(EncryptionMode.PLAIN, TOKEN, null, APP_ID, INNER, "oFollower", "1700000000", "n");
        SignedCallback safe = CallbackRequest.build(
                EncryptionMode.SAFE, TOKEN, CURRENT, APP_ID, INNER, "oFollower", "1700000000", "n");

        assertThat(plain.query()).containsOnlyKeys("signature", "timestamp", "nonce", "openid");
        assertThat(plain.body()).isEqualTo(INNER);
        assertThat(safe.query().keySet())
                .containsExactly("signature", "timestamp", "nonce", "openid", "encrypt_type", "msg_signature");
        assertThat(safe.query()).containsEntry("encrypt_type", "aes");
        assertThat(safe.body())
                .startsWith("<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[")
                .doesNotContain("oFollower");
        assertThat(safe.queryString()).startsWith("signature=").contains("&openid=oFollower&encrypt_type=aes&");
    }

    @Test
    void compatibleBodiesCarryThePlainFieldsAndTheCiphertext() {
        SignedCallback compatible = CallbackRequest.build(
                EncryptionMode.COMPATIBLE, TOKEN, CURRENT, APP_ID, INNER, "oFollower", "1700000000", "n");

        assertThat(compatible.body())
                .startsWith(INNER.substring(0, INNER.length() - "</xml>".length()))
                .contains("<Encrypt><![CDATA[")
                .endsWith("]]></Encrypt></xml>");
    }

    @Test
    void componentPushesInSafeModeCarryAppIdAndNoOpenId() {
        String push = "<xml><AppId><![CDATA[wxcomponent]]></AppId><CreateTime>1</CreateTime>"
                + "<InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                + "<ComponentVerifyTicket><![CDATA[t]]></ComponentVerifyTicket></xml>";

        SignedCallback request = CallbackRequest.build(
                EncryptionMode.SAFE, TOKEN, CURRENT, "wxcomponent", push, null, "1700000000", "n");
        OpenedCallback opened =
                CallbackVerifier.verify(request.query(), request.body(), TOKEN, List.of(CURRENT), "wxcomponent");

        assertThat(request.query()).doesNotContainKey("openid");
        assertThat(request.body()).startsWith("<xml><AppId><![CDATA[wxcomponent]]></AppId><Encrypt>");
        assertThat(opened.innerXml()).isEqualTo(push);
        assertThat(opened.mode()).isEqualTo(EncryptionMode.SAFE);
    }

    @Test
    void fallsBackToThePreviousKeyAndRepliesWithIt() {
        SignedCallback request = CallbackRequest.build(
                EncryptionMode.SAFE, TOKEN, PREVIOUS, APP_ID, INNER, "oFollower", "1700000000", "n");

        OpenedCallback opened =
                CallbackVerifier.verify(request.query(), request.body(), TOKEN, List.of(CURRENT, PREVIOUS), APP_ID);
        String sealed = ReplySealer.seal(
                "<xml><A>1</A></xml>",
                opened.mode(),
                TOKEN,
                new MessageCrypto(opened.keyUsed(), APP_ID),
                "1700000001",
                "n2");

        assertThat(opened.keyUsed()).isEqualTo(PREVIOUS);
        assertThat(ReplyOpener.open(sealed, TOKEN, new MessageCrypto(PREVIOUS, APP_ID))
                        .innerXml())
                .isEqualTo("<xml><A>1</A></xml>");
    }

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void noReplyStaysSuccessInEveryMode(EncryptionMode mode) {
        MessageCrypto crypto = new MessageCrypto(CURRENT, APP_ID);

        assertThat(ReplySealer.seal("success", mode, TOKEN, crypto, "1", "n")).isEqualTo("success");
        assertThat(ReplySealer.seal("", mode, TOKEN, crypto, "1", "n")).isEmpty();
        assertThat(ReplyOpener.open("success", mode, TOKEN, crypto)).isEqualTo(new OpenedReply(true, null, false));
        assertThat(ReplyOpener.open("", mode, TOKEN, crypto).empty()).isTrue();
    }

    @Test
    void handshakeAnswersTheEchostr() {
        var query = CallbackRequest.handshake(TOKEN, "echo123", "1700000000", "n");

        assertThat(query.keySet()).containsExactly("signature", "echostr", "timestamp", "nonce");
        assertThat(CallbackVerifier.verifyHandshake(query, TOKEN)).isEqualTo("echo123");
    }
}
