package io.wxplatform.sandbox.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;

/** What the admin API shows of an account: secrets only as "set" flags. */
public record AccountView(
        String appId,
        String name,
        String originalId,
        String callbackUrl,
        EncryptionMode encryptionMode,
        AccountType type,
        boolean verified,
        boolean secretSet,
        boolean tokenSet,
        boolean encodingAesKeySet,
        @JsonInclude(JsonInclude.Include.NON_NULL) String componentAppId) {

    static AccountView of(Account a) {
        return new AccountView(
                a.appId(),
                a.name(),
                a.originalId(),
                a.callbackUrl(),
                a.encryptionMode(),
                a.type(),
                a.verified(),
                a.secret() != null,
                a.token() != null,
                a.encodingAesKey() != null,
                a.componentAppId());
    }
}
