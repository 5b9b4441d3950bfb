package io.wxplatform.wechat.protocol.callback;

import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds callbacks the way WeChat sends them (the sandbox side). */
public final class CallbackRequest {

    private static final String CLOSE_ROOT = "</xml>";

    private CallbackRequest() {}

    /**
     * A signed POST callback carrying {@code innerXml}. {@code key} may be null for PLAIN; {@code openId} is omitted
     * from the query when null (component pushes carry none).
     */
    public static SignedCallback build(
            EncryptionMode mode,
            String token,
            EncodingAesKey key,
            String appId,
            String innerXml,
            String openId,
            String timestamp,
            String nonce) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(innerXml, "innerXml");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", Signatures.handshake(token, timestamp, nonce));
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        if (openId != null) {
            query.put("openid", openId);
        }
        if (mode == EncryptionMode.PLAIN) {
            return new SignedCallback(Collections.unmodifiableMap(query), innerXml);
        }
        String encrypt = new MessageCrypto(Objects.requireNonNull(key, "key"), appId).encrypt(innerXml);
        query.put("encrypt_type", "aes");
        query.put("msg_signature", Signatures.message(token, timestamp, nonce, encrypt));
        String body = mode == EncryptionMode.SAFE ? safeBody(innerXml, encrypt) : compatibleBody(innerXml, encrypt);
        return new SignedCallback(Collections.unmodifiableMap(query), body);
    }

    /** The query of the GET that verifies the callback URL; the server must answer {@code echostr}. */
    public static Map<String, String> handshake(String token, String echostr, String timestamp, String nonce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", Signatures.handshake(token, timestamp, nonce));
        query.put("echostr", echostr);
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        return Collections.unmodifiableMap(query);
    }

    /** Safe mode: only the addressee ({@code ToUserName}, or {@code AppId} for component pushes) and the ciphertext. */
    private static String safeBody(String innerXml, String encrypt) {
        Map<String, String> fields = SafeXml.parseFields(innerXml);
        XmlWriter xml = XmlWriter.root();
        if (fields.containsKey("ToUserName")) {
            xml.text("ToUserName", fields.get("ToUserName"));
        } else if (fields.containsKey("AppId")) {
            xml.text("AppId", fields.get("AppId"));
        }
        return xml.text("Encrypt", encrypt).build();
    }

    private static String compatibleBody(String innerXml, String encrypt) {
        int close = innerXml.lastIndexOf(CLOSE_ROOT);
        if (close < 0) {
            throw new IllegalArgumentException("inner XML must be a WeChat <xml> document");
        }
        return innerXml.substring(0, close) + "<Encrypt>" + SafeXml.cdata(encrypt) + "</Encrypt>"
                + innerXml.substring(close);
    }
}
