package io.wxplatform.token.operator;

import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountMode;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.wechat.api.AttentionReason;
import java.time.Instant;

/**
 * An account as the operator API lists it across tenants: who owns it, its state and why it needs a person; never a
 * secret. {@code updatedAt} is when the state last changed (or anything else of the account).
 */
record OperatorAccountView(
        String appId,
        String tenantId,
        String name,
        AccountMode mode,
        AccountStatus status,
        AttentionReason attentionReason,
        String componentAppId,
        Instant createdAt,
        Instant updatedAt) {

    static OperatorAccountView of(Account account) {
        return new OperatorAccountView(
                account.appId(),
                account.tenantId(),
                account.name(),
                account.mode(),
                account.status(),
                AccountFilter.reasonOf(account.status()),
                account.component() == null ? null : account.component().componentAppId(),
                account.createdAt(),
                account.updatedAt());
    }
}
