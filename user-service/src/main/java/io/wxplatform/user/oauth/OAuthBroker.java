package io.wxplatform.user.oauth;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.OAuthGrantView;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenServiceException;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.OAuthApi;
import io.wxplatform.wechat.api.OAuthProfile;
import io.wxplatform.wechat.api.OAuthScope;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The OAuth broker's two browser steps. {@link #authorize}: check the tenant's redirect_uri against the account's
 * allowlist (never redirect elsewhere), store the platform's own single-use state and send the browser to WeChat.
 * {@link #callback}: claim that state once, have token-service exchange WeChat's code, read the profile for
 * {@code snsapi_userinfo} (never for a snapshot visit), and send the browser back to the tenant with a one-time
 * platform code. WeChat's OAuth access token is used for the one userinfo call and goes nowhere else.
 */
@Service
@EnableConfigurationProperties(OAuthProperties.class)
class OAuthBroker {

    private static final Logger log = LoggerFactory.getLogger(OAuthBroker.class);

    private final OAuthClients clients;
    private final OAuthStates states;
    private final PlatformCodes codes;
    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final OAuthProperties properties;

    OAuthBroker(
            OAuthClients clients,
            OAuthStates states,
            PlatformCodes codes,
            WeChatAccounts accounts,
            TokenClient tokens,
            WeChatClient wechat,
            OAuthProperties properties) {
        this.clients = clients;
        this.states = states;
        this.codes = codes;
        this.accounts = accounts;
        this.tokens = tokens;
        this.wechat = wechat;
        this.properties = properties;
    }

    /** WeChat's authorize page for the browser, or a problem (never a redirect) when anything is wrong. */
    Mono<URI> authorize(String appId, String redirectUri, String scope, String tenantState) {
        return Mono.defer(() -> {
            OAuthScope oauthScope = OAuthScope.parse(scope)
                    .orElseThrow(() -> ApiException.validation(Map.of("scope", "snsapi_base or snsapi_userinfo")));
            if (tenantState != null && tenantState.getBytes(StandardCharsets.UTF_8).length > OAuthApi.STATE_MAX_BYTES) {
                throw ApiException.validation(Map.of("state", "at most 128 bytes"));
            }
            return allowedClient(appId, redirectUri)
                    .flatMap(tenantId -> accounts.mayCall(tenantId, appId, ApiGroup.OAUTH_WEB_AUTHORIZATION)
                            .then(tokens.oauthClient(appId))
                            .flatMap(client -> states.create(new PendingAuthorization(
                                            tenantId, appId, redirectUri, oauthScope, tenantState))
                                    .map(state -> URI.create(OAuthApi.authorizeUrl(
                                            properties.authorizeUrl(),
                                            appId,
                                            properties.callbackUrl(appId),
                                            oauthScope,
                                            state,
                                            client.componentAppId())))));
        });
    }

    /**
     * Where the browser goes back to: the tenant's redirect_uri with {@code code} and its {@code state}, or with
     * {@code error} when the user refused or WeChat would not exchange the code. A state that is not pending (a
     * replay, a forgery, too late) is a 400 problem: nothing says where such a browser may safely go.
     */
    Mono<URI> callback(String appId, String wechatCode, String state) {
        return states.claim(appId, state)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "OAUTH_STATE_INVALID",
                        "The authorization is unknown, expired or already completed; start again from the page")))
                .flatMap(pending -> allowedClient(appId, pending.redirectUri())
                        .then(
                                wechatCode == null || wechatCode.isBlank()
                                        ? Mono.just(back(pending, Map.of("error", "access_denied")))
                                        : exchange(pending, wechatCode)));
    }

    private Mono<URI> exchange(PendingAuthorization pending, String wechatCode) {
        return tokens.exchangeOAuthCode(pending.appId(), wechatCode)
                .flatMap(grant -> profile(grant)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(profile -> codes.issue(pending, grant, profile.orElse(null))))
                .map(code -> back(pending, Map.of("code", code)))
                .onErrorResume(WeChatApiException.class, refused -> {
                    log.info("WeChat refused web authorization for {}: {}", pending.appId(), refused.errcode());
                    return Mono.just(back(
                            pending, Map.of("error", "wechat_refused", "errcode", String.valueOf(refused.errcode()))));
                })
                // The state is spent: the page must start again, so it is told rather than left on an error page.
                .onErrorResume(TokenServiceException.class, unavailable -> {
                    log.warn(
                            "token-service could not exchange a web-authorization code for {}: {}",
                            pending.appId(),
                            unavailable.code());
                    return Mono.just(back(pending, Map.of("error", "temporarily_unavailable")));
                });
    }

    /** The profile for a user who granted snsapi_userinfo; none for snsapi_base or a snapshot page's identity. */
    private Mono<OAuthProfile> profile(OAuthGrantView grant) {
        boolean userInfo = grant.scope() != null && grant.scope().contains(OAuthScope.USER_INFO.value());
        if (!userInfo || grant.snapshotUser()) {
            return Mono.empty();
        }
        return wechat.oauth().userInfo(grant.appId(), grant.accessToken(), grant.openId());
    }

    /** The owning tenant when the account's allowlist has {@code redirectUri}; else 400 and no redirect. */
    private Mono<String> allowedClient(String appId, String redirectUri) {
        return clients.of(appId)
                .filter(client ->
                        client.redirectUris().stream().anyMatch(entry -> RedirectUris.allows(entry, redirectUri)))
                .map(OAuthClients.Client::tenantId)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "REDIRECT_URI_NOT_ALLOWED",
                        "redirect_uri is not on the account's allowlist")));
    }

    private static URI back(PendingAuthorization pending, Map<String, String> parameters) {
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(URI.create(pending.redirectUri()));
        parameters.forEach(
                (name, value) -> url.queryParam(name, UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8)));
        if (pending.tenantState() != null) {
            url.queryParam("state", UriUtils.encodeQueryParam(pending.tenantState(), StandardCharsets.UTF_8));
        }
        return url.build(true).toUri();
    }
}
