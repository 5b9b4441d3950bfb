package io.wxplatform.token.credential;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountAttention;
import io.wxplatform.token.account.AccountMode;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountSecrets;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.token.secret.SecretBox;
import io.wxplatform.wechat.api.AttentionReason;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Access tokens of accounts: direct-mode ones from stable_token, component-mode ones from {@link AuthorizerTokens}.
 * {@link RefreshScheduler} replaces each stored token (stable_token, normal mode) at its {@code refreshAt}, before it
 * expires; a token with less than {@code serveMargin} left is never
 * handed out but replaced on the spot. A token reported invalid is replaced with stable_token's force mode — at
 * most once per version, across replicas, by taking the credential's lease first. A refusal that needs a person
 * (bad secret, IP whitelist) moves the account to its attention state, which stops the refreshes.
 */
@Service
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final CredentialKind KIND = CredentialKind.ACCESS_TOKEN;
    private static final Duration POLL = Duration.ofMillis(100);

    private final CredentialRepository credentials;
    private final AccountRepository accounts;
    private final SecretBox secrets;
    private final WeChatClient wechat;
    private final Clock clock;
    private final CredentialProperties properties;
    private final TokenRotations rotations;
    private final AccountAttention attention;
    private final CredentialVersions versions;
    private final AuthorizerTokens authorizerTokens;
    private final String owner;
    private final SingleFlight<IssuedToken> loads = new SingleFlight<>();
    private final SingleFlight<IssuedToken> forcedRefreshes = new SingleFlight<>();

    AccessTokens(CredentialRepository credentials, AccountRepository accounts, SecretBox secrets, WeChatClient wechat,
            Clock clock, CredentialProperties properties, TokenRotations rotations, AccountAttention attention,
            ReplicaId replica, CredentialVersions versions, AuthorizerTokens authorizerTokens) {
        this.authorizerTokens = authorizerTokens;
        this.rotations = rotations;
        this.attention = attention;
        this.versions = versions;
        this.owner = replica.value();
        this.credentials = credentials;
        this.accounts = accounts;
        this.secrets = secrets;
        this.wechat = wechat;
        this.clock = clock;
        this.properties = properties;
    }

    public Mono<IssuedToken> current(String appId) {
        return credentials.find(appId, KIND)
                .filter(this::usable)
                .map(this::issue)
                .switchIfEmpty(loads.run(appId, () -> refreshUnlessFresh(appId)));
    }

    /** Completes when a token newer than {@code version} is stored (or there is nothing to do for it). */
    public Mono<Void> reportInvalid(String appId, long version) {
        return forcedRefreshes.run(appId + "#" + version, () -> credentials.find(appId, KIND)
                        .filter(stored -> stored.version() == version)
                        .flatMap(stored -> replaceReported(appId, version)))
                .then();
    }

    /**
     * The scheduled refresh's WeChat call for a credential this replica holds the lease of: the next version, not
     * yet stored; empty when the account is not active (so the credential is no longer refreshed).
     */
    Mono<Credential> fetchNext(Credential claimed, Mono<String> permit) {
        String appId = claimed.appId();
        return accounts.find(appId)
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .flatMap(account -> account.mode() == AccountMode.COMPONENT
                        ? permit.then(authorizerTokens.next(account, claimed))
                        : permit.then(wechat.tokens().stableToken(appId, open(account), false))
                                .map(token -> versions.next(appId, KIND, claimed.version(), token.value(),
                                        token.expiresIn())));
    }

    private Mono<IssuedToken> refreshUnlessFresh(String appId) {
        // Read again inside the flight: the previous flight may have stored a fresh token a moment ago.
        return credentials.find(appId, KIND)
                .map(stored -> usable(stored) ? Mono.just(issue(stored)) : fetchAndStore(appId, stored.version(), false))
                .defaultIfEmpty(Mono.defer(() -> fetchAndStore(appId, 0, false)))
                .flatMap(next -> next);
    }

    private Mono<IssuedToken> replaceReported(String appId, long version) {
        Instant now = clock.instant();
        return credentials.claimLease(appId, KIND, version, owner, now, now.plus(properties.lease()))
                .flatMap(claimed -> claimed
                        ? forceRefresh(appId, version)
                        : awaitNewerThan(appId, version));
    }

    private Mono<IssuedToken> forceRefresh(String appId, long version) {
        log.info("Access token version {} of {} was reported invalid; forcing a new one", version, appId);
        return fetchAndStore(appId, version, true)
                .onErrorResume(error -> credentials.releaseLease(appId, KIND, owner).then(Mono.error(error)));
    }

    /** Another replica holds the lease: wait (polling the document) until its new version lands or it gives up. */
    private Mono<IssuedToken> awaitNewerThan(String appId, long version) {
        return credentials.find(appId, KIND)
                .filter(stored -> stored.version() > version || stored.lease() == null)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(properties.refreshWait())
                .map(this::issue)
                .onErrorResume(TimeoutException.class, e -> Mono.empty());
    }

    private Mono<IssuedToken> fetchAndStore(String appId, long seenVersion, boolean force) {
        return activeAccount(appId)
                .flatMap(account -> account.mode() == AccountMode.COMPONENT
                        ? fetchAuthorizerToken(account)
                        : wechat.tokens().stableToken(appId, open(account), force)
                                .map(token -> versions.next(appId, KIND, seenVersion, token.value(),
                                        token.expiresIn())))
                .onErrorResume(WeChatApiException.class, error -> AttentionReason.of(error.errcode())
                        .map(reason -> attention.needsAttention(appId, reason).then(Mono.<Credential>error(error)))
                        .orElseGet(() -> Mono.error(error)))
                .flatMap(next -> store(appId, next.version() - 1, next));
    }

    /**
     * Built on whatever version is stored now (not the one the caller saw): its refresh token is the one WeChat
     * rotates, so the new one must be stored over exactly that version.
     */
    private Mono<Credential> fetchAuthorizerToken(Account account) {
        return credentials.find(account.appId(), KIND)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> authorizerTokens.next(account, stored.orElse(null)));
    }

    private Mono<IssuedToken> store(String appId, long seenVersion, Credential next) {
        return credentials.storeIfVersion(next, seenVersion)
                .flatMap(stored -> {
                    if (stored) {
                        log.info("Stored access token version {} of {}, expires at {}", next.version(), appId,
                                next.expiresAt());
                        return rotations.announce(next).thenReturn(issue(next));
                    }
                    // A newer version landed meanwhile; it wins and ours is dropped.
                    return credentials.find(appId, KIND).map(this::issue);
                });
    }

    private Mono<Account> activeAccount(String appId) {
        return accounts.find(appId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + appId)))
                .flatMap(account -> account.status() == AccountStatus.ACTIVE
                        ? Mono.just(account)
                        : Mono.error(ApiException.conflict("ACCOUNT_NOT_ACTIVE", "account " + appId + " is "
                                + account.status())));
    }

    private String open(Account account) {
        return secrets.open(account.secrets().appSecret(), AccountSecrets.context(account.appId(), "appSecret"));
    }

    private boolean usable(Credential credential) {
        return versions.usable(credential);
    }

    private IssuedToken issue(Credential credential) {
        return new IssuedToken(credential.appId(), versions.open(credential), credential.expiresAt(),
                credential.version());
    }
}
