package io.wxplatform.wechat.protocol.callback;

import static io.wxplatform.wechat.protocol.callback.CallbackRoundTripTest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException.Reason;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackRejectionTest {

    private static final List<EncodingAesKey> KEYS = List.of(CURRENT);

    private static SignedCallback safe() {
        return CallbackRequest.build(
                EncryptionMode.SAFE, TOKEN, CURRENT, APP_ID, INNER, "oFollower", "1700000000", "n");
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> copy = new HashMap<>(query);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    @ParameterizedTest
    @EnumSource(EncryptionMode.class)
    void rejectsATamperedSignature(EncryptionMode mode) {
        SignedCallback request = CallbackRequest.build(mode, TOKEN, CURRENT, APP_ID, INNER, "o", "1700000000", "n");

        assertRejected(
                Reason.BAD_SIGNATURE,
                () -> CallbackVerifier.verify(
                        with(request.query(), "signature", "0".repeat(40)), request.body(), TOKEN, KEYS, APP_ID));
        assertRejected(
                Reason.BAD_SIGNATURE,
                () -> CallbackVerifier.verify(
                        with(request.query(), "timestamp", "1700000001"), request.body(), TOKEN, KEYS, APP_ID));
        assertRejected(
                Reason.BAD_SIGNATURE,
                () -> CallbackVerifier.verify(request.query(), request.body(), "otherToken", KEYS, APP_ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"signature", "timestamp", "nonce"})
    void rejectsAMissingSignatureParameter(String name) {
        SignedCallback request = safe();

        assertRejected(
                Reason.MISSING_PARAMETER,
                () -> CallbackVerifier.verify(with(request.query(), name, null), request.body(), TOKEN, KEYS, APP_ID));
    }

    @Test
    void rejectsAnEncryptedBodyWithoutMsgSignature() {
        SignedCallback request = safe();

        assertRejected(
                Reason.MISSING_PARAMETER,
                () -> CallbackVerifier.verify(
                        with(request.query(), "msg_signature", null), request.body(), TOKEN, KEYS, APP_ID));
    }

    @Test
    void rejectsATamperedMsgSignature() {
        SignedCallback request = safe();

        assertRejected(
                Reason.BAD_MSG_SIGNATURE,
                () -> CallbackVerifier.verify(
                        with(request.query(), "msg_signature", "f".repeat(40)), request.body(), TOKEN, KEYS, APP_ID));
    }

    @Test
    void rejectsATamperedCiphertextBeforeDecryptingIt() {
        SignedCallback request = safe();
        String body = request.body().replaceFirst("<Encrypt><!\\[CDATA\\[(.)", "<Encrypt><![CDATA[A$1");

        assertRejected(
                Reason.BAD_MSG_SIGNATURE, () -> CallbackVerifier.verify(request.query(), body, TOKEN, KEYS, APP_ID));
    }

    @Test
    void rejectsACiphertextThatNoKeyOpensEvenWhenCorrectlySigned() {
        String encrypt = new MessageCrypto(EncodingAesKey.parse("Z".repeat(43)), APP_ID).encrypt(INNER);

        assertRejected(Reason.DECRYPT_FAILED, () -> verifySigned(encrypt));
    }

    @Test
    void rejectsBadBase64EvenWhenCorrectlySigned() {
        assertRejected(Reason.DECRYPT_FAILED, () -> verifySigned("%%%not-base64%%%"));
    }

    @Test
    void rejectsAMessageSealedForAnotherAppId() {
        String encrypt = new MessageCrypto(CURRENT, "wxsomeoneelse00000").encrypt(INNER);

        assertRejected(Reason.APPID_MISMATCH, () -> verifySigned(encrypt));
    }

    @Test
    void rejectsAnEncryptedCallbackWhenNoKeyIsConfigured() {
        SignedCallback request = safe();

        assertRejected(
                Reason.NO_KEY,
                () -> CallbackVerifier.verify(request.query(), request.body(), TOKEN, List.of(), APP_ID));
    }

    @Test
    void rejectsMalformedEnvelopes() {
        SignedCallback request = safe();

        assertRejected(
                Reason.MALFORMED,
                () -> CallbackVerifier.verify(
                        request.query(), "<xml><ToUserName>gh</ToUserName></xml>", TOKEN, KEYS, APP_ID));
        assertRejected(
                Reason.MALFORMED,
                () -> CallbackVerifier.verify(request.query(), "<!DOCTYPE x><xml/>", TOKEN, KEYS, APP_ID));
        assertRejected(Reason.MALFORMED, () -> CallbackVerifier.verify(request.query(), "", TOKEN, KEYS, APP_ID));
        assertRejected(
                Reason.MALFORMED,
                () -> CallbackVerifier.verify(
                        with(request.query(), "encrypt_type", "rot13"), request.body(), TOKEN, KEYS, APP_ID));
    }

    @Test
    void rejectsAHandshakeWithABadSignatureOrNoEchostr() {
        Map<String, String> query = CallbackRequest.handshake(TOKEN, "echo", "1", "n");

        assertRejected(Reason.BAD_SIGNATURE, () -> CallbackVerifier.verifyHandshake(query, "wrong"));
        assertRejected(
                Reason.MISSING_PARAMETER, () -> CallbackVerifier.verifyHandshake(with(query, "echostr", null), TOKEN));
    }

    @Test
    void rejectsATamperedOrForeignReply() {
        MessageCrypto crypto = new MessageCrypto(CURRENT, APP_ID);
        String sealed = ReplySealer.seal("<xml><A>1</A></xml>", EncryptionMode.SAFE, TOKEN, crypto, "1", "n");

        assertRejected(Reason.BAD_MSG_SIGNATURE, () -> ReplyOpener.open(sealed, "otherToken", crypto));
        assertRejected(
                Reason.BAD_MSG_SIGNATURE,
                () -> ReplyOpener.open(sealed.replace("<TimeStamp>1<", "<TimeStamp>2<"), TOKEN, crypto));
        assertRejected(
                Reason.APPID_MISMATCH,
                () -> ReplyOpener.open(sealed, TOKEN, new MessageCrypto(CURRENT, "wxsomeoneelse00000")));
        assertRejected(
                Reason.DECRYPT_FAILED, () -> ReplyOpener.open(sealed, TOKEN, new MessageCrypto(PREVIOUS, APP_ID)));
        assertRejected(
                Reason.MALFORMED, () -> ReplyOpener.open(sealed.replaceAll("<Nonce>.*</Nonce>", ""), TOKEN, crypto));
    }

    @Test
    void rejectsAPlainReplyToASafeModeCallback() {
        MessageCrypto crypto = new MessageCrypto(CURRENT, APP_ID);

        assertRejected(
                Reason.UNENCRYPTED_REPLY,
                () -> ReplyOpener.open("<xml><A>1</A></xml>", EncryptionMode.SAFE, TOKEN, crypto));
        assertThat(ReplyOpener.open("<xml><A>1</A></xml>", EncryptionMode.COMPATIBLE, TOKEN, crypto)
                        .wasEncrypted())
                .isFalse();
    }

    @Test
    void timestampsOutsideTheReplayWindowAreRefused() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        Duration window = Duration.ofMinutes(5);

        assertThat(CallbackVerifier.withinWindow("1700000000", now, window)).isTrue();
        assertThat(CallbackVerifier.withinWindow("1699999700", now, window)).isTrue();
        assertThat(CallbackVerifier.withinWindow("1700000300", now, window)).isTrue();
        assertThat(CallbackVerifier.withinWindow("1699999699", now, window)).isFalse();
        assertThat(CallbackVerifier.withinWindow("1700000301", now, window)).isFalse();
        assertThat(CallbackVerifier.withinWindow("soon", now, window)).isFalse();
        assertThat(CallbackVerifier.withinWindow(null, now, window)).isFalse();
        assertThat(CallbackVerifier.withinWindow("99999999999999999999", now, window))
                .isFalse();
    }

    private static OpenedCallback verifySigned(String encrypt) {
        Map<String, String> query = new HashMap<>(Map.of(
                "signature",
                Signatures.handshake(TOKEN, "1", "n"),
                "timestamp",
                "1",
                "nonce",
                "n",
                "encrypt_type",
                "aes",
                "msg_signature",
                Signatures.message(TOKEN, "1", "n", encrypt)));
        String body =
                "<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
        return CallbackVerifier.verify(query, body, TOKEN, List.of(CURRENT, PREVIOUS), APP_ID);
    }

    private static void assertRejected(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CallbackRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
