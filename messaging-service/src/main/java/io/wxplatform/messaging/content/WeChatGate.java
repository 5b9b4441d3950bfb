package io.wxplatform.messaging.content;

import io.wxplatform.support.accounts.AccountDirectory;
import io.wxplatform.support.accounts.AccountFacts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.AccountType;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Permissions;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one way menus and media reach WeChat: the account must be the tenant's (else 404 {@code ACCOUNT_NOT_FOUND}),
 * WeChat's permission table must let its type and verification call the API group (else 403
 * {@code WECHAT_PERMISSION}, from {@link Permissions#require}), and only then is a token fetched and the call made.
 */
@Component
public class WeChatGate {

    private final AccountDirectory directory;
    private final TokenClient tokens;
    private final Permissions permissions = Permissions.wechat();

    WeChatGate(AccountDirectory directory, TokenClient tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    /** The tenant's live account, or 404 {@code ACCOUNT_NOT_FOUND}. */
    public Mono<AccountFacts> owned(String tenantId, String appId) {
        return directory
                .facts(tenantId, appId)
                .switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("ACCOUNT_NOT_FOUND", "No account " + appId + " in tenant " + tenantId)));
    }

    /**
     * The tenant's account when it may call the group. An account whose type no notice has said yet is let
     * through: WeChat's own 48001 then decides.
     */
    public Mono<AccountFacts> mayCall(String tenantId, String appId, ApiGroup group) {
        return owned(tenantId, appId).doOnNext(facts -> {
            AccountType type = AccountType.parse(facts.accountType());
            if (type != null && facts.verified() != null) {
                permissions.require(appId, type, facts.verified(), group);
            }
        });
    }

    /** A WeChat call with the account's access token (a stale token is reported and replaced once). */
    public <T> Mono<T> call(String appId, Function<String, Mono<T>> call) {
        return Mono.defer(() -> tokens.withToken(appId, call));
    }
}
