package io.wxplatform.token.account;

import java.time.Instant;
import java.util.List;

/**
 * What the admin API shows of an account: secrets only as "is set". {@code componentAppId} and {@code permissions}
 * (WeChat funcscope ids) only for component-mode accounts.
 */
record AccountView(
        String appId,
        String tenantId,
        String name,
        AccountType type,
        boolean verified,
        AccountMode mode,
        AccountStatus status,
        boolean appSecretSet,
        boolean callbackTokenSet,
        boolean encodingAesKeySet,
        Instant createdAt,
        Instant updatedAt,
        String componentAppId,
        List<Integer> permissions) {

    static AccountView of(Account account) {
        AccountSecrets secrets = account.secrets();
        return new AccountView(
                account.appId(),
                account.tenantId(),
                account.name(),
                account.type(),
                account.verified(),
                account.mode(),
                account.status(),
                secrets.appSecret() != null,
                secrets.callbackToken() != null,
                secrets.encodingAesKey() != null,
                account.createdAt(),
                account.updatedAt(),
                account.component() == null ? null : account.component().componentAppId(),
                account.component() == null ? null : account.component().permissions());
    }
}
