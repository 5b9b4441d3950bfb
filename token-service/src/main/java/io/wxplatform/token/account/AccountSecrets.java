package io.wxplatform.token.account;

import io.wxplatform.token.secret.SealedSecret;

/**
 * The account's secrets, sealed. {@code previousEncodingAesKey} keeps callbacks decryptable while WeChat switches to a
 * new key; component-mode accounts will add their authorizer refresh token here.
 */
public record AccountSecrets(
        SealedSecret appSecret,
        SealedSecret callbackToken,
        SealedSecret encodingAesKey,
        SealedSecret previousEncodingAesKey) {

    /** Authenticated context of each sealed field, so an envelope only opens for its own account and field. */
    public static String context(String appId, String field) {
        return appId + "|" + field;
    }
}
