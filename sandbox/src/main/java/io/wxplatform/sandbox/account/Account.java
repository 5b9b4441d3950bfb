package io.wxplatform.sandbox.account;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** A simulated Official Account. Holds secrets: never log it, never return it (see {@link AccountView}). */
public record Account(
        String appId,
        String secret,
        String name,
        String originalId,
        String callbackUrl,
        String token,
        String encodingAesKey,
        EncryptionMode encryptionMode,
        AccountType type,
        boolean verified) {

    public boolean secretMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Account[" + appId + ", " + originalId + ", " + encryptionMode + "]";
    }
}
