package io.wxplatform.sandbox.account;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;

/** Body of POST/PUT/PATCH on {@code /sandbox/accounts}; for PATCH every null field keeps its value. */
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
        Boolean verified) {

    @Override
    public String toString() {
        return "AccountRequest[" + appId + "]";
    }
}
