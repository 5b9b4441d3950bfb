package io.wxplatform.wechat.protocol.callback;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException.Reason;
import io.wxplatform.wechat.protocol.crypto.CryptoException;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies and opens callbacks (the platform side). {@code signature} is checked on every request; encrypted bodies
 * are also checked against {@code msg_signature} before any decryption is attempted.
 */
public final class CallbackVerifier {

    /** Fields a safe-mode envelope carries; anything more means compatible mode. */
    private static final Set<String> ENVELOPE_FIELDS = Set.of("ToUserName", "AppId", "Encrypt");

    private CallbackVerifier() {}

    /** Verifies the URL-verification GET and returns the {@code echostr} to answer with. */
    public static String verifyHandshake(Map<String, String> query, String token) {
        checkSignature(query, token);
        return required(query, "echostr");
    }

    /**
     * Verifies a POST callback. Keys are tried in order (current, then previous); the appid at the end of the
     * plaintext must equal {@code appId} (the component appid for third-party platform callbacks).
     */
    public static OpenedCallback verify(
            Map<String, String> query, String body, String token, List<EncodingAesKey> keys, String appId) {
        checkSignature(query, token);
        if (body == null || body.isBlank()) {
            throw new CallbackRejectedException(Reason.MALFORMED, "empty body");
        }
        String encryptType = query.get("encrypt_type");
        if (encryptType == null || encryptType.isEmpty() || "raw".equals(encryptType)) {
            return new OpenedCallback(body, EncryptionMode.PLAIN, null);
        }
        if (!"aes".equals(encryptType)) {
            throw new CallbackRejectedException(Reason.MALFORMED, "unsupported encrypt_type");
        }
        Map<String, String> envelope = fields(body);
        String encrypt = envelope.get("Encrypt");
        if (encrypt == null || encrypt.isBlank()) {
            throw new CallbackRejectedException(Reason.MALFORMED, "encrypted callback without Encrypt");
        }
        String msgSignature = required(query, "msg_signature");
        String expected = Signatures.message(token, query.get("timestamp"), query.get("nonce"), encrypt);
        if (!Signatures.matches(expected, msgSignature)) {
            throw new CallbackRejectedException(Reason.BAD_MSG_SIGNATURE, "msg_signature does not match");
        }
        EncryptionMode mode =
                ENVELOPE_FIELDS.containsAll(envelope.keySet()) ? EncryptionMode.SAFE : EncryptionMode.COMPATIBLE;
        return decrypt(encrypt, keys, appId, mode);
    }

    /**
     * True when a POST with this {@code Content-Type} header can be a callback: WeChat posts {@code text/xml}; an
     * absent header, another XML type or {@code text/plain} (what some relays rewrite it to) is tolerated too, since
     * the signature, not the header, is what proves a callback. JSON, forms and the like are not callbacks.
     */
    public static boolean acceptsContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("text/xml")
                || type.equals("application/xml")
                || type.equals("text/plain")
                || type.endsWith("+xml");
    }

    /** True when {@code timestamp} (epoch seconds) lies within {@code window} of {@code now}, either side. */
    public static boolean withinWindow(String timestamp, Instant now, Duration window) {
        if (timestamp == null) {
            return false;
        }
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            return Duration.between(sent, now).abs().compareTo(window) <= 0;
        } catch (RuntimeException notEpochSeconds) {
            return false;
        }
    }

    static OpenedCallback decrypt(String encrypt, List<EncodingAesKey> keys, String appId, EncryptionMode mode) {
        if (keys == null || keys.isEmpty()) {
            throw new CallbackRejectedException(Reason.NO_KEY, "encrypted callback but no EncodingAESKey configured");
        }
        CryptoException appIdMismatch = null;
        CryptoException last = null;
        for (EncodingAesKey key : keys) {
            try {
                String inner = new MessageCrypto(key, appId).decrypt(encrypt).message();
                return new OpenedCallback(inner, mode, key);
            } catch (CryptoException e) {
                last = e;
                if (e.reason() == CryptoException.Reason.APPID_MISMATCH) {
                    appIdMismatch = e;
                }
            }
        }
        if (appIdMismatch != null) {
            throw new CallbackRejectedException(Reason.APPID_MISMATCH, appIdMismatch.getMessage(), appIdMismatch);
        }
        throw new CallbackRejectedException(
                Reason.DECRYPT_FAILED, "no configured key opens the message (" + last.reason() + ")", last);
    }

    private static void checkSignature(Map<String, String> query, String token) {
        String signature = required(query, "signature");
        String expected = Signatures.handshake(token, required(query, "timestamp"), required(query, "nonce"));
        if (!Signatures.matches(expected, signature)) {
            throw new CallbackRejectedException(Reason.BAD_SIGNATURE, "signature does not match");
        }
    }

    private static Map<String, String> fields(String body) {
        try {
            return SafeXml.parseFields(body);
        } catch (XmlException e) {
            throw new CallbackRejectedException(Reason.MALFORMED, e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query == null ? null : query.get(name);
        if (value == null || value.isEmpty()) {
            throw new CallbackRejectedException(Reason.MISSING_PARAMETER, "missing query parameter " + name);
        }
        return value;
    }
}
