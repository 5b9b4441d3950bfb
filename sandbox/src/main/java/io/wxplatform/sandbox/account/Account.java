package io.wxplatform.sandbox.account;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A simulated Official Account. Holds secrets: never log it, never return it (see {@link AccountView}).
 * {@code componentAppId} is set when the account is authorized to a third-party platform: its callbacks are then
 * signed and encrypted with that component's Token and key.
 */
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
        boolean verified,
        String componentAppId) {

    public Account(
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
        this(appId, secret, name, originalId, callbackUrl, token, encodingAesKey, encryptionMode, type, verified, null);
    }

    public boolean secretMatches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    public boolean authorizedToComponent() {
        return componentAppId != null;
    }

    @Override
    public String toString() {
        return "Account[" + appId + ", " + originalId + ", " + encryptionMode
                + (componentAppId != null ? ", component " + componentAppId : "") + "]";
    }
}
