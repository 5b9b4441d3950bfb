package io.wxplatform.callback.support;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A fresh WeChat account with random credentials, so tests never see each other's records. */
public record TestAccount(
        String tenantId,
        String appId,
        String originalId,
        String appSecret,
        String callbackToken,
        String encodingAesKey,
        EncryptionMode mode) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static TestAccount random(EncryptionMode mode) {
        String suffix = hex(4);
        return new TestAccount(
                "t-" + suffix, "wx" + hex(8), "gh_" + hex(6), hex(16), "tok" + hex(8), randomKey(), mode);
    }

    /** The same account with another EncodingAESKey (as after a key rotation). */
    public TestAccount withKey(String newEncodingAesKey) {
        return new TestAccount(tenantId, appId, originalId, appSecret, callbackToken, newEncodingAesKey, mode);
    }

    /** A fresh 43-character EncodingAESKey. */
    public static String randomKey() {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes(32));
    }

    public EncodingAesKey key() {
        return EncodingAesKey.parse(encodingAesKey);
    }

    public String callbackUrl(int callbackServicePort) {
        return "http://127.0.0.1:" + callbackServicePort + "/wx/" + appId + "/callback";
    }

    public static String openId() {
        return "o" + hex(12);
    }

    private static String hex(int bytes) {
        return HexFormat.of().formatHex(bytes(bytes));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
