package io.wxplatform.support.accounts;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.AccountType;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Permissions;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The one gate before a WeChat call made for a tenant's request, in every service that makes one: the account must be
 * the tenant's as token-service announced it (else 404 {@code ACCOUNT_NOT_FOUND}) and WeChat's permission table must
 * let its declared type and verification call the API group, and a component account's owner must have granted
 * the platform a permission set of the group (else 403 {@code WECHAT_PERMISSION}, from {@link Permissions#require}),
 * before any call. A bean wherever the {@link AccountDirectory} is and wechat-api is on
 * the classpath.
 */
public class WeChatAccounts {

    private final AccountDirectory directory;
    private final Permissions permissions;

    public WeChatAccounts(AccountDirectory directory) {
        this.directory = directory;
        this.permissions = Permissions.wechat();
    }

    /** The tenant's live account, or 404 {@code ACCOUNT_NOT_FOUND}. */
    public Mono<AccountFacts> owned(String tenantId, String appId) {
        return directory
                .facts(tenantId, appId)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "No account " + appId + " in tenant " + tenantId)));
    }

    /**
     * The tenant's account when it may call the group. An account whose type no notice has said yet (announced
     * before token-service sent it) is let through: WeChat's own 48001 then decides; so is a component account whose
     * granted permission sets no notice has said yet (WeChat's 61007 then decides).
     */
    public Mono<AccountFacts> mayCall(String tenantId, String appId, ApiGroup group) {
        return owned(tenantId, appId).doOnNext(facts -> {
            AccountType type = AccountType.parse(facts.accountType());
            if (type != null && facts.verified() != null) {
                permissions.require(appId, type, facts.verified(), group, facts.permissions());
            }
        });
    }
}
