package io.wxplatform.token.oauth;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountMode;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountSecrets;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.token.credential.ComponentTokens;
import io.wxplatform.token.secret.SecretBox;
import io.wxplatform.wechat.api.OAuthToken;
import io.wxplatform.wechat.api.WeChatClient;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Exchanges web-authorization codes where the credentials are: a direct account's with its AppSecret
 * ({@code sns/oauth2/access_token}), a component-mode account's with its component's component_access_token
 * ({@code sns/oauth2/component/access_token}). Neither credential leaves token-service.
 */
@Service
class OAuthExchanges {

    private final AccountRepository accounts;
    private final SecretBox secrets;
    private final ComponentTokens componentTokens;
    private final WeChatClient wechat;

    OAuthExchanges(
            AccountRepository accounts, SecretBox secrets, ComponentTokens componentTokens, WeChatClient wechat) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.componentTokens = componentTokens;
        this.wechat = wechat;
    }

    Mono<OAuthClientView> client(String appId) {
        return active(appId)
                .map(account -> new OAuthClientView(
                        appId,
                        account.mode() == AccountMode.COMPONENT
                                ? account.component().componentAppId()
                                : null));
    }

    Mono<OAuthToken> exchange(String appId, String code) {
        return active(appId)
                .flatMap(account -> account.mode() == AccountMode.COMPONENT
                        ? asComponent(account, code)
                        : withSecret(account, code));
    }

    private Mono<OAuthToken> withSecret(Account account, String code) {
        return Mono.defer(() -> {
            String secret =
                    secrets.open(account.secrets().appSecret(), AccountSecrets.context(account.appId(), "appSecret"));
            return wechat.oauth().exchangeCode(account.appId(), secret, code);
        });
    }

    private Mono<OAuthToken> asComponent(Account account, String code) {
        String componentAppId = account.component().componentAppId();
        return componentTokens
                .current(componentAppId)
                .flatMap(token -> wechat.oauth()
                        .exchangeCodeAsComponent(account.appId(), code, componentAppId, token.accessToken()));
    }

    private Mono<Account> active(String appId) {
        return accounts.find(appId)
                .switchIfEmpty(Mono.error(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "no account " + appId)))
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.CONFLICT, "ACCOUNT_NOT_ACTIVE", "account " + appId + " is not active")));
    }
}
