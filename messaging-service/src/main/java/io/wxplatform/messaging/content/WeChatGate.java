package io.wxplatform.messaging.content;

import io.wxplatform.support.accounts.AccountFacts;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one way menus, media and drafts reach WeChat: platform-support's {@link WeChatAccounts} first (the tenant's
 * account, else 404 {@code ACCOUNT_NOT_FOUND}; WeChat's permission table, else 403 {@code WECHAT_PERMISSION}), and
 * only then is a token fetched and the call made.
 */
@Component
public class WeChatGate {

    private final WeChatAccounts accounts;
    private final TokenClient tokens;

    WeChatGate(WeChatAccounts accounts, TokenClient tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** The tenant's live account, or 404 {@code ACCOUNT_NOT_FOUND}. */
    public Mono<AccountFacts> owned(String tenantId, String appId) {
        return accounts.owned(tenantId, appId);
    }

    /** The tenant's account when it may call the group ({@link WeChatAccounts#mayCall}). */
    public Mono<AccountFacts> mayCall(String tenantId, String appId, ApiGroup group) {
        return accounts.mayCall(tenantId, appId, group);
    }

    /** A WeChat call with the account's access token (a stale token is reported and replaced once). */
    public <T> Mono<T> call(String appId, Function<String, Mono<T>> call) {
        return Mono.defer(() -> tokens.withToken(appId, call));
    }
}
