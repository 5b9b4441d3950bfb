package io.wxplatform.wechat.protocol.callback;

import static io.wxplatform.wechat.protocol.OfficialExample.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WeChat's worked example, pushed through the verifier and the reply envelope. */
class OfficialExampleCallbackTest {

    private final EncodingAesKey key = EncodingAesKey.parse(AES_KEY);

    @Test
    void theOfficialHandshakeIsAccepted() {
        Map<String, String> query = Map.of(
                "signature",
                GET_SIGNATURE,
                "timestamp",
                GET_TIMESTAMP,
                "nonce",
                GET_NONCE,
                "echostr",
                "4375120948345356249");

        assertThat(CallbackVerifier.verifyHandshake(query, TOKEN)).isEqualTo("4375120948345356249");
    }

    @Test
    void theOfficialSafeModePostOpensToItsMessage() {
        Map<String, String> query = Map.of(
                "signature",
                Signatures.handshake(TOKEN, POST_TIMESTAMP, POST_NONCE),
                "timestamp",
                POST_TIMESTAMP,
                "nonce",
                POST_NONCE,
                "openid",
                "o9AgO5Kd5ggOC-bXrbNODIiE3bGY",
                "encrypt_type",
                "aes",
                "msg_signature",
                POST_MSG_SIGNATURE);
        String body = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[" + POST_ENCRYPT
                + "]]></Encrypt></xml>";

        OpenedCallback opened = CallbackVerifier.verify(query, body, TOKEN, List.of(key), APP_ID);

        assertThat(opened).isEqualTo(new OpenedCallback(POST_MESSAGE, EncryptionMode.SAFE, key));
    }

    @Test
    void theOfficialReplyEnvelopeIsReproducedByteForByte() {
        String encrypt =
                new MessageCrypto(key, APP_ID).encrypt(REPLY_MESSAGE, REPLY_RANDOM.getBytes(StandardCharsets.US_ASCII));

        String envelope = ReplySealer.envelope(encrypt, TOKEN, REPLY_TIMESTAMP, REPLY_NONCE);

        assertThat(envelope)
                .isEqualTo("<xml><Encrypt><![CDATA[" + REPLY_ENCRYPT + "]]></Encrypt>"
                        + "<MsgSignature><![CDATA[" + REPLY_MSG_SIGNATURE + "]]></MsgSignature>"
                        + "<TimeStamp>" + REPLY_TIMESTAMP + "</TimeStamp><Nonce><![CDATA[" + REPLY_NONCE
                        + "]]></Nonce></xml>");
        assertThat(SafeXml.parseFields(envelope)).containsEntry("MsgSignature", REPLY_MSG_SIGNATURE);
        assertThat(ReplyOpener.open(envelope, TOKEN, new MessageCrypto(key, APP_ID)))
                .isEqualTo(new OpenedReply(false, REPLY_MESSAGE, true));
    }
}
