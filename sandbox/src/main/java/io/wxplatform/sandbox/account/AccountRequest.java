package io.wxplatform.sandbox.account;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;

/**
 * Body of POST/PUT/PATCH on {@code /sandbox/accounts}; for PATCH every null field keeps its value.
 * {@code componentAppId} marks an account authorized to a third-party platform (component).
 */
public record AccountRequest(
        String appId,
        String secret,
        String name,
        String originalId,
        String callbackUrl,
        String token,
        String encodingAesKey,
        EncryptionMode encryptionMode,
        AccountType type,
        Boolean verified,
        String componentAppId) {

    public AccountRequest(
            String appId,
            String secret,
            String name,
            String originalId,
            String callbackUrl,
            String token,
            String encodingAesKey,
            EncryptionMode encryptionMode,
            AccountType type,
            Boolean verified) {
        this(appId, secret, name, originalId, callbackUrl, token, encodingAesKey, encryptionMode, type, verified, null);
    }

    @Override
    public String toString() {
        return "AccountRequest[" + appId + "]";
    }
}
