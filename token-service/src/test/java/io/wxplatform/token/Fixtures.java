package io.wxplatform.token;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Unique ids per test, so tests share one database without cleaning up. */
public final class Fixtures {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private Fixtures() {}

    public static String appId() {
        return "wx" + hex(8);
    }

    public static String tenantId() {
        return "t-" + hex(6);
    }

    public static String secret() {
        return hex(16);
    }

    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    public static Map<String, Object> account(String appId, String appSecret, String callbackToken) {
        Map<String, Object> body = new HashMap<>();
        body.put("appId", appId);
        body.put("name", "Account " + appId);
        body.put("type", "SERVICE");
        body.put("verified", true);
        body.put("appSecret", appSecret);
        body.put("callbackToken", callbackToken);
        body.put("encodingAesKey", AES_KEY);
        return body;
    }
}
