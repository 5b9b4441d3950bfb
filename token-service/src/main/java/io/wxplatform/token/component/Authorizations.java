package io.wxplatform.token.component;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.AccountType;
import io.wxplatform.token.account.AuthorizedAccounts;
import io.wxplatform.token.credential.AccountCredentials;
import io.wxplatform.token.credential.ComponentTokens;
import io.wxplatform.token.tenant.TenantScope;
import io.wxplatform.wechat.api.AuthorizerInfo;
import io.wxplatform.wechat.api.ComponentApi;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import io.wxplatform.wechat.protocol.AuthorizationPush;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Authorizing an account through a component. A tenant admin starts one (a fresh pre_auth_code, the authorization
 * page URL); the owner approves at WeChat, which then both redirects the browser (auth_code) and pushes
 * {@code authorized} (AuthorizationCode + PreAuthCode). Whichever arrives first claims the pending authorization in
 * one conditional update and makes the only api_query_auth; the other finds it claimed or finished. Then
 * api_get_authorizer_info, the account (in the tenant that started it) and its tokens.
 */
@Service
class Authorizations {

    private static final Logger log = LoggerFactory.getLogger(Authorizations.class);
    private static final Duration CLAIM = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthorizationRepository repository;
    private final ComponentRegistry registry;
    private final ComponentTokens componentTokens;
    private final AuthorizedAccounts accounts;
    private final AccountCredentials credentials;
    private final TenantScope tenants;
    private final WeChatClient wechat;
    private final ComponentProperties properties;
    private final Clock clock;

    Authorizations(
            AuthorizationRepository repository,
            ComponentRegistry registry,
            ComponentTokens componentTokens,
            AuthorizedAccounts accounts,
            AccountCredentials credentials,
            TenantScope tenants,
            WeChatClient wechat,
            ComponentProperties properties,
            Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.componentTokens = componentTokens;
        this.accounts = accounts;
        this.credentials = credentials;
        this.tenants = tenants;
        this.wechat = wechat;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<AuthorizationView> start(String tenantId, StartAuthorizationRequest request) {
        Map<String, String> violations = request.violations();
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.validation(violations));
        }
        String componentAppId = request.componentAppId();
        String id = "au" + HexFormat.of().formatHex(randomBytes(12));
        return tenants.require(tenantId)
                .then(registry.find(componentAppId))
                .then(componentTokens.current(componentAppId))
                .flatMap(token -> wechat.component().createPreAuthCode(token.accessToken(), componentAppId))
                .flatMap(preAuthCode -> {
                    Instant now = now();
                    PendingAuthorization pending = new PendingAuthorization(
                            id,
                            tenantId,
                            componentAppId,
                            hash(preAuthCode.value()),
                            request.returnUrl(),
                            PendingAuthorization.State.PENDING,
                            now.plus(preAuthCode.expiresIn()),
                            now,
                            null,
                            null,
                            null,
                            null);
                    String url = ComponentApi.loginPageUrl(
                            properties.loginPageBaseUrl(),
                            componentAppId,
                            preAuthCode.value(),
                            returnUri(id),
                            properties.authType());
                    return repository.insert(pending).thenReturn(AuthorizationView.of(pending, url, now));
                });
    }

    Mono<AuthorizationView> get(String tenantId, String id) {
        return tenants.require(tenantId)
                .then(repository.findOfTenant(tenantId, id))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .map(pending -> AuthorizationView.of(pending, null, clock.instant()));
    }

    /**
     * The owner's browser came back with the auth code. Completes the authorization if the push has not claimed it,
     * else waits (briefly) for the push's outcome. Answers the authorization as it then stands.
     */
    Mono<PendingAuthorization> returned(String id, String authCode) {
        return repository
                .find(id)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(pending -> authCode == null || authCode.isBlank()
                        ? Mono.just(pending)
                        : claimAndComplete(id, authCode).then(awaitFinished(id)));
    }

    /** The {@code authorized} push; ignored when no pending authorization of ours has its pre_auth_code. */
    Mono<Void> pushed(AuthorizationPush push) {
        if (push.preAuthCode() == null || push.authorizationCode() == null) {
            return Mono.empty();
        }
        return repository
                .findByPreAuthCode(push.componentAppId(), hash(push.preAuthCode()))
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn(
                        "An authorized push of {} names a pre_auth_code " + "no pending authorization has; ignored",
                        push.authorizerAppId())))
                .flatMap(pending -> claimAndComplete(pending.id(), push.authorizationCode()));
    }

    /** {@code updateauthorized}: read the permissions (and type, verification) again. */
    Mono<Void> permissionsChanged(String componentAppId, String authorizerAppId) {
        return authorizerInfo(componentAppId, authorizerAppId)
                .flatMap(info -> accounts.updatePermissions(authorizer(componentAppId, info)))
                .doOnNext(account -> log.info(
                        "Permissions of {} are now {}",
                        account.appId(),
                        account.component().permissions()))
                .then();
    }

    private Mono<Void> claimAndComplete(String id, String authCode) {
        Instant now = clock.instant();
        return repository
                .claim(id, now, now.plus(CLAIM))
                .flatMap(claimed -> complete(claimed, authCode)
                        .onErrorResume(
                                WeChatApiException.class,
                                error -> error.isRetryable() ? Mono.error(error) : failed(claimed, error))
                        .onErrorResume(error -> repository.release(id).then(Mono.error(error))));
    }

    /** WeChat refused the code for good (used, expired): nothing to retry, the admin starts again. */
    private Mono<Void> failed(PendingAuthorization pending, WeChatApiException error) {
        log.warn("Authorization {} failed: WeChat answered {} to {}", pending.id(), error.errcode(), error.api());
        return repository.finish(
                pending.id(), PendingAuthorization.State.FAILED, null, "WECHAT_" + error.errcode(), now());
    }

    private Mono<Void> complete(PendingAuthorization pending, String authCode) {
        String componentAppId = pending.componentAppId();
        return componentTokens
                .current(componentAppId)
                .flatMap(token -> wechat.component().queryAuth(token.accessToken(), componentAppId, authCode))
                .flatMap(authorization -> authorizerInfo(componentAppId, authorization.authorizerAppId())
                        .flatMap(info -> accounts.authorize(pending.tenantId(), authorizer(componentAppId, info)))
                        .flatMap(account -> credentials
                                .authorized(
                                        account.appId(),
                                        authorization.accessToken(),
                                        authorization.expiresIn(),
                                        authorization.refreshToken())
                                .then(repository.finish(
                                        pending.id(),
                                        PendingAuthorization.State.COMPLETED,
                                        account.appId(),
                                        null,
                                        now()))
                                .doOnSuccess(done -> log.info(
                                        "{} authorized component {} for tenant {}",
                                        account.appId(),
                                        componentAppId,
                                        pending.tenantId())))
                        .onErrorResume(ApiException.class, refused -> {
                            if (!"ACCOUNT_OWNED_ELSEWHERE".equals(refused.code())) {
                                return Mono.error(refused);
                            }
                            log.warn(
                                    "Refused the authorization {} of {}: the account belongs to another tenant",
                                    pending.id(),
                                    authorization.authorizerAppId());
                            return repository.finish(
                                    pending.id(),
                                    PendingAuthorization.State.REFUSED,
                                    authorization.authorizerAppId(),
                                    refused.code(),
                                    now());
                        }));
    }

    private Mono<AuthorizerInfo> authorizerInfo(String componentAppId, String authorizerAppId) {
        return componentTokens
                .current(componentAppId)
                .flatMap(token ->
                        wechat.component().authorizerInfo(token.accessToken(), componentAppId, authorizerAppId));
    }

    private Mono<PendingAuthorization> awaitFinished(String id) {
        return repository
                .find(id)
                .filter(pending -> pending.state().finished())
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(properties.returnWait())
                .onErrorResume(TimeoutException.class, e -> repository.find(id));
    }

    private static AuthorizedAccounts.Authorizer authorizer(String componentAppId, AuthorizerInfo info) {
        String name = info.nickName() == null || info.nickName().isBlank() ? info.authorizerAppId() : info.nickName();
        return new AuthorizedAccounts.Authorizer(
                info.authorizerAppId(),
                name,
                info.serviceAccount() ? AccountType.SERVICE : AccountType.SUBSCRIPTION,
                info.verified(),
                componentAppId,
                info.funcScopes());
    }

    private String returnUri(String id) {
        return properties.publicBaseUrl().toString().replaceAll("/+$", "") + "/connect/v1/authorizations/" + id
                + "/return";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("AUTHORIZATION_NOT_FOUND", "no authorization " + id);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String hash(String preAuthCode) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(preAuthCode.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
