package io.wxplatform.wechat.protocol.callback;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException.Reason;
import io.wxplatform.wechat.protocol.crypto.CryptoException;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlException;
import java.util.Map;

/** Opens passive replies the way WeChat does (the sandbox side). */
public final class ReplyOpener {

    private ReplyOpener() {}

    /** Accepts plain or encrypted replies; encrypted ones are verified ({@code MsgSignature}) and decrypted. */
    public static OpenedReply open(String body, String token, MessageCrypto crypto) {
        if (ReplySealer.isNoReply(body)) {
            return new OpenedReply(true, null, false);
        }
        Map<String, String> fields;
        try {
            fields = SafeXml.parseFields(body);
        } catch (XmlException e) {
            throw new CallbackRejectedException(Reason.MALFORMED, e.getMessage(), e);
        }
        String encrypt = fields.get("Encrypt");
        if (encrypt == null) {
            return new OpenedReply(false, body, false);
        }
        String timestamp = require(fields, "TimeStamp");
        String nonce = require(fields, "Nonce");
        String msgSignature = require(fields, "MsgSignature");
        if (!Signatures.matches(Signatures.message(token, timestamp, nonce, encrypt), msgSignature)) {
            throw new CallbackRejectedException(Reason.BAD_MSG_SIGNATURE, "MsgSignature does not match");
        }
        if (crypto == null) {
            throw new CallbackRejectedException(Reason.NO_KEY, "encrypted reply but no key to open it");
        }
        try {
            return new OpenedReply(false, crypto.decrypt(encrypt).message(), true);
        } catch (CryptoException e) {
            Reason reason =
                    e.reason() == CryptoException.Reason.APPID_MISMATCH ? Reason.APPID_MISMATCH : Reason.DECRYPT_FAILED;
            throw new CallbackRejectedException(reason, e.getMessage(), e);
        }
    }

    /** As {@link #open(String, String, MessageCrypto)}, and refuses a plain reply to a safe-mode callback. */
    public static OpenedReply open(String body, EncryptionMode requestMode, String token, MessageCrypto crypto) {
        OpenedReply reply = open(body, token, crypto);
        if (requestMode == EncryptionMode.SAFE && !reply.empty() && !reply.wasEncrypted()) {
            throw new CallbackRejectedException(Reason.UNENCRYPTED_REPLY, "safe mode requires an encrypted reply");
        }
        return reply;
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new CallbackRejectedException(Reason.MALFORMED, "encrypted reply without " + name);
        }
        return value;
    }
}
