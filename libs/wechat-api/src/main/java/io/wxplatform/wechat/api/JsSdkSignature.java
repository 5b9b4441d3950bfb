package io.wxplatform.wechat.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A JS-SDK {@code wx.config} signature: {@code sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")}, keys in
 * that order, raw values, the page URL exactly as the page has it minus its {@code #fragment} (signing another URL
 * is the "invalid signature" every SDK's users meet).
 */
public record JsSdkSignature(String appId, long timestamp, String nonceStr, String signature) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Signs the page URL with a fresh nonce. */
    public static JsSdkSignature of(String appId, String jsapiTicket, String url, long timestamp) {
        String nonce = nonce();
        return new JsSdkSignature(appId, timestamp, nonce, sign(jsapiTicket, nonce, timestamp, url));
    }

    public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
        if (jsapiTicket == null || jsapiTicket.isEmpty()) {
            throw new IllegalArgumentException("an empty jsapi_ticket signs nothing WeChat accepts");
        }
        String plain = "jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url="
                + withoutFragment(url);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(plain.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    public static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String nonce() {
        char[] nonce = new char[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(nonce);
    }
}
