package io.wxplatform.wechat.protocol.callback;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.Objects;

/** Seals passive replies (the platform side): plain for plain callbacks, encrypted when the callback was. */
public final class ReplySealer {

    /** What WeChat accepts as "received, no passive reply". */
    public static final String NO_REPLY = "success";

    private ReplySealer() {}

    /**
     * The response body. {@code crypto} must be built with the key that opened the callback and may be null for PLAIN.
     * A blank reply or {@code success} is returned as is: it means "no reply" in every mode.
     */
    public static String seal(
            String replyXml,
            EncryptionMode requestMode,
            String token,
            MessageCrypto crypto,
            String timestamp,
            String nonce) {
        if (isNoReply(replyXml) || requestMode == EncryptionMode.PLAIN) {
            return replyXml == null ? "" : replyXml;
        }
        Objects.requireNonNull(crypto, "an encrypted callback needs the crypto that opened it");
        return envelope(crypto.encrypt(replyXml), token, timestamp, nonce);
    }

    /** The encrypted reply envelope around an already encrypted {@code encrypt}. */
    public static String envelope(String encrypt, String token, String timestamp, String nonce) {
        return XmlWriter.root()
                .text("Encrypt", encrypt)
                .text("MsgSignature", Signatures.message(token, timestamp, nonce, encrypt))
                .bare("TimeStamp", timestamp)
                .text("Nonce", nonce)
                .build();
    }

    static boolean isNoReply(String body) {
        return body == null || body.isBlank() || NO_REPLY.equals(body.trim());
    }
}
