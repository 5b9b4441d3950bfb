package io.wxplatform.bench.callback;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.security.SecureRandom;
import java.util.HexFormat;

/** One benchmark account with throw-away credentials, generated per run. */
public record Account(String appId, String originalId, String appSecret, String callbackToken, String encodingAesKey) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static Account generate(int index) {
        HexFormat hex = HexFormat.of();
        String appId = "wx" + hex.formatHex(bytes(8));
        var key = new StringBuilder();
        for (int i = 0; i < EncodingAesKey.LENGTH; i++) {
            key.append(BASE64.charAt(RANDOM.nextInt(BASE64.length())));
        }
        return new Account(
                appId, "gh_bench" + index, hex.formatHex(bytes(16)), "bench" + hex.formatHex(bytes(6)), key.toString());
    }

    EncodingAesKey key() {
        return EncodingAesKey.parse(encodingAesKey);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "Account[" + appId + "]";
    }
}
