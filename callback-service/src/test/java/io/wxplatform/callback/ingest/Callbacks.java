package io.wxplatform.callback.ingest;

import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.wechat.protocol.Signatures;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Callbacks built and signed with the protocol library, exactly as WeChat would send them. */
final class Callbacks {

    private Callbacks() {}

    static String textXml(TestAccount account, String openId, long msgId, Instant createTime) {
        return "<xml><ToUserName><![CDATA[" + account.originalId() + "]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + createTime.getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[hello]]></Content>"
                + "<MsgId>" + msgId + "</MsgId></xml>";
    }

    static String textXml(TestAccount account, String openId, long msgId, Instant createTime, String content) {
        return textXml(account, openId, msgId, createTime).replace("<![CDATA[hello]]>", "<![CDATA[" + content + "]]>");
    }

    /** A voice message; {@code recognition} (WeChat's speech-to-text) may be null, as when the account has it off. */
    static String voiceXml(TestAccount account, String openId, long msgId, Instant createTime, String recognition) {
        return "<xml><ToUserName><![CDATA[" + account.originalId() + "]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + createTime.getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[voice]]></MsgType>"
                + "<MediaId><![CDATA[voice-media]]></MediaId>"
                + "<Format><![CDATA[amr]]></Format>"
                + (recognition == null ? "" : "<Recognition><![CDATA[" + recognition + "]]></Recognition>")
                + "<MsgId>" + msgId + "</MsgId></xml>";
    }

    /** An event ({@code subscribe}, {@code CLICK}, …); {@code eventKey} may be null. */
    static String eventXml(TestAccount account, String openId, Instant createTime, String event, String eventKey) {
        return "<xml><ToUserName><![CDATA[" + account.originalId() + "]]></ToUserName>"
                + "<FromUserName><![CDATA[" + openId + "]]></FromUserName>"
                + "<CreateTime>" + createTime.getEpochSecond() + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>"
                + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>")
                + "</xml>";
    }

    static SignedCallback text(TestAccount account, String openId, long msgId, Instant sentAt) {
        return sign(account, account.appId(), textXml(account, openId, msgId, sentAt), openId, sentAt);
    }

    /** Signs (and for encrypted modes seals for {@code sealedForAppId}) with the account's token and key. */
    static SignedCallback sign(
            TestAccount account, String sealedForAppId, String innerXml, String openId, Instant sentAt) {
        return CallbackRequest.build(
                account.mode(),
                account.callbackToken(),
                account.key(),
                sealedForAppId,
                innerXml,
                openId,
                String.valueOf(sentAt.getEpochSecond()),
                "n" + sentAt.toEpochMilli());
    }

    /**
     * A safe-mode callback sealed around arbitrary bytes, for payloads the library's builder refuses to build (it
     * parses the inner XML, and so rejects a DOCTYPE itself).
     */
    static SignedCallback sealRaw(TestAccount account, String innerXml, String openId, Instant sentAt) {
        String timestamp = String.valueOf(sentAt.getEpochSecond());
        String nonce = "n" + sentAt.toEpochMilli();
        String encrypt = new MessageCrypto(account.key(), account.appId()).encrypt(innerXml);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", Signatures.handshake(account.callbackToken(), timestamp, nonce));
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        query.put("openid", openId);
        query.put("encrypt_type", "aes");
        query.put("msg_signature", Signatures.message(account.callbackToken(), timestamp, nonce, encrypt));
        String body = "<xml><ToUserName><![CDATA[" + account.originalId() + "]]></ToUserName>" + "<Encrypt><![CDATA["
                + encrypt + "]]></Encrypt></xml>";
        return new SignedCallback(query, body);
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, TestAccount account, SignedCallback callback) {
        return client.post()
                .uri(uri(account.appId(), callback.query()))
                .contentType(MediaType.TEXT_XML)
                .bodyValue(callback.body())
                .exchange();
    }

    static String uri(String appId, Map<String, String> query) {
        return "/wx/" + appId + "/callback?"
                + query.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.put(name, value);
        return changed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
