package io.wxplatform.token.credential;

import io.wxplatform.wechat.api.AuthorizerToken;
import io.wxplatform.wechat.api.ErrorCodes;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Access tokens of component-mode accounts: api_authorizer_token with the component's token and the stored
 * authorizer refresh token. WeChat rotates the refresh token on every call, so the new one comes back with the value
 * and the engine stores both in one write. If WeChat answers 61023 for the stored refresh token (a rotation was
 * received but never stored, e.g. a crash, or another replica's lease ran out mid-call), the current one is read from
 * api_get_authorizer_info, kept, and the call made once more; only a second refusal means re-authorization.
 */
@Component
class AuthorizerTokenFetcher implements CredentialFetcher {

    private static final Logger log = LoggerFactory.getLogger(AuthorizerTokenFetcher.class);

    private final WeChatClient wechat;
    private final CredentialVersions versions;

    AuthorizerTokenFetcher(WeChatClient wechat, CredentialVersions versions) {
        this.wechat = wechat;
        this.versions = versions;
    }

    @Override
    public Mono<Fetched> fetch(Fetch fetch, CredentialEngine engine) {
        String appId = fetch.appId();
        String componentAppId = fetch.account().component().componentAppId();
        Credential stored = fetch.stored();
        return Mono.defer(() -> {
                    String refreshToken = stored == null ? null : versions.openRefreshToken(stored);
                    return refreshToken == null
                            ? Mono.error(new WeChatApiException(
                                    ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                                    "no refresh token stored",
                                    appId,
                                    "api_authorizer_token"))
                            : call(engine, componentAppId, appId, refreshToken);
                })
                .onErrorResume(
                        error -> error instanceof WeChatApiException wechatError
                                && wechatError.errcode() == ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                        error -> recover(engine, componentAppId, appId, stored))
                .map(token -> new Fetched(token.accessToken(), token.expiresIn(), token.refreshToken()));
    }

    private Mono<AuthorizerToken> recover(
            CredentialEngine engine, String componentAppId, String appId, Credential stored) {
        log.warn(
                "WeChat refused the stored refresh token of {} (61023); reading the current one from "
                        + "api_get_authorizer_info",
                appId);
        return engine.current(CredentialKind.COMPONENT_ACCESS_TOKEN, componentAppId)
                .flatMap(component -> wechat.component().authorizerInfo(engine.open(component), componentAppId, appId))
                .flatMap(info -> {
                    if (info.refreshToken() == null || info.refreshToken().isEmpty()) {
                        return Mono.error(new WeChatApiException(
                                ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                                "no authorizer_refresh_token",
                                appId,
                                "api_get_authorizer_info"));
                    }
                    // Keep what WeChat holds now even if the retry below fails, so it is not lost again.
                    Mono<Boolean> keep =
                            stored == null ? Mono.just(false) : engine.keepRefreshToken(stored, info.refreshToken());
                    return keep.then(call(engine, componentAppId, appId, info.refreshToken()));
                });
    }

    private Mono<AuthorizerToken> call(
            CredentialEngine engine, String componentAppId, String appId, String refreshToken) {
        return engine.current(CredentialKind.COMPONENT_ACCESS_TOKEN, componentAppId)
                .flatMap(component -> wechat.component()
                        .authorizerToken(engine.open(component), componentAppId, appId, refreshToken));
    }
}
