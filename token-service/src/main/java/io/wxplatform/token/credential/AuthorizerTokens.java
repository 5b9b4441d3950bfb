package io.wxplatform.token.credential;

import io.wxplatform.token.account.Account;
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
 * authorizer refresh token. WeChat rotates the refresh token on every call, so the next version carries the new one
 * and is stored in one write with it. If WeChat answers 61023 for the stored refresh token (a rotation was received
 * but never stored, e.g. a crash, or another replica's lease ran out mid-call), the current one is read from
 * api_get_authorizer_info, stored, and the call made once more; only a second refusal means re-authorization.
 */
@Component
class AuthorizerTokens {

    private static final Logger log = LoggerFactory.getLogger(AuthorizerTokens.class);

    private final ComponentTokens componentTokens;
    private final WeChatClient wechat;
    private final CredentialVersions versions;
    private final CredentialRepository credentials;

    AuthorizerTokens(ComponentTokens componentTokens, WeChatClient wechat, CredentialVersions versions,
            CredentialRepository credentials) {
        this.componentTokens = componentTokens;
        this.wechat = wechat;
        this.versions = versions;
        this.credentials = credentials;
    }

    /** The version after {@code stored} (null: none stored), with the rotated refresh token; not yet stored. */
    Mono<Credential> next(Account account, Credential stored) {
        String appId = account.appId();
        String componentAppId = account.component().componentAppId();
        long seenVersion = stored == null ? 0 : stored.version();
        String refreshToken = stored == null ? null : versions.openRefreshToken(stored);
        Mono<AuthorizerToken> first = refreshToken == null
                ? Mono.error(new WeChatApiException(ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                        "no refresh token stored", appId, "api_authorizer_token"))
                : call(componentAppId, appId, refreshToken);
        return first
                .onErrorResume(error -> error instanceof WeChatApiException wechatError
                                && wechatError.errcode() == ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                        error -> recover(componentAppId, appId, seenVersion))
                .map(token -> versions.next(appId, CredentialKind.ACCESS_TOKEN, seenVersion, token.accessToken(),
                        token.expiresIn(), token.refreshToken()));
    }

    private Mono<AuthorizerToken> recover(String componentAppId, String appId, long seenVersion) {
        log.warn("WeChat refused the stored refresh token of {} (61023); reading the current one from "
                + "api_get_authorizer_info", appId);
        return componentTokens.current(componentAppId)
                .flatMap(component -> wechat.component().authorizerInfo(component.accessToken(), componentAppId,
                        appId))
                .flatMap(info -> {
                    if (info.refreshToken() == null || info.refreshToken().isEmpty()) {
                        return Mono.error(new WeChatApiException(ErrorCodes.AUTHORIZER_REFRESH_TOKEN_INVALID,
                                "no authorizer_refresh_token", appId, "api_get_authorizer_info"));
                    }
                    // Keep what WeChat holds now even if the retry below fails, so it is not lost again.
                    Mono<Boolean> keep = seenVersion == 0 ? Mono.just(false)
                            : credentials.storeRefreshToken(appId, seenVersion,
                                    versions.sealRefreshToken(appId, info.refreshToken()));
                    return keep.then(call(componentAppId, appId, info.refreshToken()));
                });
    }

    private Mono<AuthorizerToken> call(String componentAppId, String appId, String refreshToken) {
        return componentTokens.current(componentAppId).flatMap(component -> wechat.component()
                .authorizerToken(component.accessToken(), componentAppId, appId, refreshToken));
    }
}
