package io.wxplatform.token.credential;

import io.wxplatform.token.account.AccountSecrets;
import io.wxplatform.token.secret.SecretBox;
import io.wxplatform.wechat.api.WeChatClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Direct-mode access tokens: stable_token with the account's AppSecret (force mode for a reported token). */
@Component
class AccessTokenFetcher implements CredentialFetcher {

    private final WeChatClient wechat;
    private final SecretBox secrets;

    AccessTokenFetcher(WeChatClient wechat, SecretBox secrets) {
        this.wechat = wechat;
        this.secrets = secrets;
    }

    @Override
    public Mono<Fetched> fetch(Fetch fetch, CredentialEngine engine) {
        return Mono.defer(() -> {
            String appId = fetch.appId();
            String secret =
                    secrets.open(fetch.account().secrets().appSecret(), AccountSecrets.context(appId, "appSecret"));
            return wechat.tokens()
                    .stableToken(appId, secret, fetch.force())
                    .map(token -> new Fetched(token.value(), token.expiresIn()));
        });
    }
}
