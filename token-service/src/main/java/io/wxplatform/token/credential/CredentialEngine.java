package io.wxplatform.token.credential;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.support.reactive.SingleFlight;
import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountAttention;
import io.wxplatform.token.account.AccountMode;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.wechat.api.AttentionReason;
import io.wxplatform.wechat.api.WeChatApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one way a credential of any kind is read, fetched, stored and announced; the {@link CredentialFetcher}s only
 * talk to WeChat. Three ways in, one path through:
 * <ul>
 * <li>{@link #current}: the version this replica's {@link CredentialCache} holds, else (account found ACTIVE) the
 * stored version if it may be served, else one fetch per credential and replica at a time (single flight), stored
 * only over the version it replaces;</li>
 * <li>{@link #reportInvalid}: a forced fetch, once per version across replicas: only the replica that takes the
 * credential's lease on that version fetches, the others wait for the version it stores;</li>
 * <li>{@link #refreshClaimed}: the scheduler's refresh of a credential it holds the lease of, stored only while the
 * lease is still its own.</li>
 * </ul>
 * Every stored version is announced ({@code TokenRotated}, no value). No ACTIVE account ({@link AccountNotActive})
 * stops the scheduled refreshes; a WeChat refusal that needs a person moves the account to its attention state.
 */
@Component
class CredentialEngine {

    private static final Logger log = LoggerFactory.getLogger(CredentialEngine.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final CredentialRepository credentials;
    private final AccountRepository accounts;
    private final CredentialVersions versions;
    private final TokenRotations rotations;
    private final AccountAttention attention;
    private final CredentialProperties properties;
    private final Backoff backoff;
    private final Clock clock;
    private final String owner;
    private final AccessTokenFetcher accessTokens;
    private final AuthorizerTokenFetcher authorizerTokens;
    private final JsapiTicketFetcher jsapiTickets;
    private final ComponentTokenFetcher componentTokens;
    private final CredentialCache cache;
    private final MeterRegistry meters;
    private final SingleFlight<String, Credential> loads = new SingleFlight<>();
    private final SingleFlight<String, Credential> forcedRefreshes = new SingleFlight<>();

    CredentialEngine(
            CredentialRepository credentials,
            AccountRepository accounts,
            CredentialVersions versions,
            TokenRotations rotations,
            AccountAttention attention,
            CredentialProperties properties,
            Clock clock,
            ReplicaId replica,
            AccessTokenFetcher accessTokens,
            AuthorizerTokenFetcher authorizerTokens,
            JsapiTicketFetcher jsapiTickets,
            ComponentTokenFetcher componentTokens,
            CredentialCache cache,
            MeterRegistry meters) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.versions = versions;
        this.rotations = rotations;
        this.attention = attention;
        this.properties = properties;
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
        this.clock = clock;
        this.owner = replica.value();
        this.accessTokens = accessTokens;
        this.authorizerTokens = authorizerTokens;
        this.jsapiTickets = jsapiTickets;
        this.componentTokens = componentTokens;
        this.cache = cache;
        this.meters = meters;
    }

    /**
     * The version to serve: the cached or stored one while it has more than {@code serveMargin} left, else a new
     * one; {@link AccountNotActive} unless an account's credential belongs to an ACTIVE account.
     */
    Mono<Credential> current(CredentialKind kind, String appId) {
        return cache.get(Credential.id(appId, kind), () -> load(kind, appId));
    }

    /** What {@link #current} would answer from this replica's cache alone, else {@code null} (no I/O). */
    Credential cached(CredentialKind kind, String appId) {
        return cache.servable(Credential.id(appId, kind));
    }

    private Mono<Credential> load(CredentialKind kind, String appId) {
        Mono<Credential> served = credentials
                .find(appId, kind)
                .filter(versions::usable)
                .switchIfEmpty(loads.run(Credential.id(appId, kind), () -> refreshUnlessFresh(kind, appId)));
        return kind.ofAccount() ? activeAccount(appId).then(served) : served;
    }

    /** Completes when a version newer than {@code version} is stored (or there is nothing to do for it). */
    Mono<Void> reportInvalid(CredentialKind kind, String appId, long version) {
        cache.reported(Credential.id(appId, kind), version);
        return forcedRefreshes
                .run(
                        Credential.id(appId, kind) + "#" + version,
                        () -> credentials
                                .find(appId, kind)
                                .filter(stored -> stored.version() == version)
                                .flatMap(stored -> replaceReported(kind, appId, version)))
                .then();
    }

    /**
     * The scheduler's refresh of {@code claimed} (its lease is this replica's): {@code permit} is taken right before
     * WeChat is called. Never fails: an error becomes a later retry (backing off), a parked credential (no ACTIVE
     * account) or, if a person must act, an attention state.
     */
    Mono<Void> refreshClaimed(Credential claimed, Mono<?> permit) {
        return fetchNext(claimed.kind(), claimed.appId(), claimed, false, permit)
                .flatMap(next -> store(next, claimed.version(), owner))
                .then()
                .onErrorResume(error -> failed(claimed, error));
    }

    /**
     * An authorization's first access token and its authorizer refresh token (api_query_auth), stored together in
     * one upsert as the account's next version over whatever is stored, and announced.
     */
    Mono<Void> storeAuthorized(String appId, String accessToken, Duration expiresIn, String refreshToken) {
        Credential next = versions.next(appId, CredentialKind.ACCESS_TOKEN, 0, accessToken, expiresIn, refreshToken);
        return credentials
                .replaceAuthorized(next)
                .map(version -> new Credential(
                        next.appId(),
                        next.kind(),
                        version,
                        next.value(),
                        next.expiresAt(),
                        next.refreshedAt(),
                        next.refreshAt(),
                        0,
                        null,
                        next.refreshToken()))
                .doOnNext(cache::stored)
                .flatMap(rotations::announce);
    }

    /**
     * Keeps a refresh token learned apart from a new value (api_get_authorizer_info after a 61023) on
     * {@code stored}'s version; false when the credential moved on meanwhile.
     */
    Mono<Boolean> keepRefreshToken(Credential stored, String refreshToken) {
        return credentials.storeRefreshToken(
                stored.appId(), stored.version(), versions.sealRefreshToken(stored.appId(), refreshToken));
    }

    /** Another replica stored {@code version} of a credential (its {@code TokenRotated} notice). */
    void rotated(CredentialKind kind, String appId, long version) {
        cache.rotated(Credential.id(appId, kind), version);
    }

    /** The account changed (a notice, or a change made here): its credentials are checked and read again. */
    void accountChanged(String appId) {
        cache.accountChanged(appId);
    }

    String open(Credential credential) {
        return versions.open(credential);
    }

    private Mono<Credential> refreshUnlessFresh(CredentialKind kind, String appId) {
        // Read again inside the flight: the previous flight may have stored a fresh version a moment ago.
        return credentials
                .find(appId, kind)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> stored.filter(versions::usable)
                        .map(Mono::just)
                        .orElseGet(() -> fetchAndStore(kind, appId, stored.orElse(null), false)));
    }

    private Mono<Credential> replaceReported(CredentialKind kind, String appId, long version) {
        Instant now = clock.instant();
        return credentials
                .claimLease(appId, kind, version, owner, now, now.plus(properties.lease()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(claimed ->
                        claimed.isPresent() ? forceRefresh(kind, claimed.get()) : awaitNewerThan(kind, appId, version));
    }

    private Mono<Credential> forceRefresh(CredentialKind kind, Credential claimed) {
        log.info(
                "{} version {} of {} was reported invalid; forcing a new one",
                kind,
                claimed.version(),
                claimed.appId());
        return fetchAndStore(kind, claimed.appId(), claimed, true)
                .onErrorResume(error ->
                        credentials.releaseLease(claimed.appId(), kind, owner).then(Mono.error(error)));
    }

    /** Another replica holds the lease: wait (polling the document) until its new version lands or it gives up. */
    private Mono<Credential> awaitNewerThan(CredentialKind kind, String appId, long version) {
        return credentials
                .find(appId, kind)
                .filter(stored -> stored.version() > version || stored.lease() == null)
                .repeatWhenEmpty(attempts -> attempts.delayElements(POLL))
                .timeout(properties.refreshWait())
                .onErrorResume(TimeoutException.class, e -> Mono.empty());
    }

    /** A caller's fetch (not rate limited: it waits for the answer), stored only over {@code stored}'s version. */
    private Mono<Credential> fetchAndStore(CredentialKind kind, String appId, Credential stored, boolean force) {
        long seenVersion = stored == null ? 0 : stored.version();
        return fetchNext(kind, appId, stored, force, Mono.empty())
                .onErrorResume(error -> needsAttention(kind, appId, error).then(Mono.error(error)))
                .flatMap(next -> store(next, seenVersion, null)
                        // A newer version landed meanwhile; it wins and ours is dropped.
                        .switchIfEmpty(Mono.defer(() -> credentials.find(appId, kind))));
    }

    /** The version after {@code stored} from WeChat, not yet stored; {@link AccountNotActive} without an account. */
    private Mono<Credential> fetchNext(
            CredentialKind kind, String appId, Credential stored, boolean force, Mono<?> permit) {
        Mono<CredentialFetcher.Fetched> fetched = kind.ofAccount()
                ? activeAccount(appId)
                        .flatMap(account -> permit.then(Mono.defer(() -> fetcherOf(kind, account)
                                .fetch(new CredentialFetcher.Fetch(appId, account, stored, force), this))))
                : permit.then(Mono.defer(
                        () -> componentTokens.fetch(new CredentialFetcher.Fetch(appId, null, stored, force), this)));
        long seenVersion = stored == null ? 0 : stored.version();
        return fetched.map(value ->
                versions.next(appId, kind, seenVersion, value.value(), value.expiresIn(), value.refreshToken()));
    }

    private CredentialFetcher fetcherOf(CredentialKind kind, Account account) {
        return switch (kind) {
            case ACCESS_TOKEN -> account.mode() == AccountMode.COMPONENT ? authorizerTokens : accessTokens;
            case JSAPI_TICKET -> jsapiTickets;
            case COMPONENT_ACCESS_TOKEN -> componentTokens;
        };
    }

    private Mono<Account> activeAccount(String appId) {
        return accounts.find(appId)
                .switchIfEmpty(Mono.error(() -> AccountNotActive.missing(appId)))
                .flatMap(account -> account.status() == AccountStatus.ACTIVE
                        ? Mono.just(account)
                        : Mono.error(AccountNotActive.in(appId, account.status())));
    }

    /**
     * The one conditional store: only over {@code seenVersion} (0: none stored yet) and, with a {@code leaseOwner},
     * only while that replica still holds the lease; then announced. Empty when another writer got there first.
     */
    private Mono<Credential> store(Credential next, long seenVersion, String leaseOwner) {
        Mono<Boolean> stored = leaseOwner == null
                ? credentials.storeIfVersion(next, seenVersion)
                : credentials.storeIfLeased(next, seenVersion, leaseOwner);
        return stored.flatMap(done -> {
            if (!done) {
                log.info(
                        "{} of {} moved past version {} before ours was stored; the newer one wins",
                        next.kind(),
                        next.appId(),
                        seenVersion);
                return Mono.empty();
            }
            // Scheduled refreshes are routine; a caller's fetch (first use, forced, scheduler behind) is worth a line.
            if (leaseOwner == null) {
                log.info(
                        "Stored {} version {} of {}, expires at {}",
                        next.kind(),
                        next.version(),
                        next.appId(),
                        next.expiresAt());
            } else {
                log.debug("Refreshed {} to version {}, next at {}", next, next.version(), next.refreshAt());
            }
            cache.stored(next);
            return rotations.announce(next).thenReturn(next);
        });
    }

    private Mono<Void> failed(Credential claimed, Throwable error) {
        if (error instanceof AccountNotActive) {
            log.info("{} has no ACTIVE account ({}); it is no longer refreshed", claimed, error.getMessage());
            return credentials.park(claimed, owner);
        }
        countFailure(claimed.kind(), error);
        if (attentionReason(error).isPresent()) {
            return needsAttention(claimed.kind(), claimed.appId(), error).then(credentials.park(claimed, owner));
        }
        int failures = claimed.failures() + 1;
        Instant retryAt = clock.instant().plus(backoff.after(failures));
        log.warn(
                "Refreshing {} failed ({} in a row), next try at {}: {}", claimed, failures, retryAt, error.toString());
        return credentials.retryLater(claimed, owner, failures, retryAt);
    }

    /** Scheduled refreshes that failed, by credential kind and WeChat error category (alert TokenRefreshesFailing). */
    private void countFailure(CredentialKind kind, Throwable error) {
        Counter.builder("wx.credentials.refresh.failures")
                .description("Scheduled credential refreshes that failed, by kind and WeChat error category")
                .tag("kind", kind.name())
                .tag(
                        "category",
                        error instanceof WeChatApiException wechat
                                ? wechat.category().name()
                                : "OTHER")
                .register(meters)
                .increment();
    }

    /** An account's refusal a person must fix (bad secret, IP whitelist, lost authorization); never a component's. */
    private Mono<Void> needsAttention(CredentialKind kind, String appId, Throwable error) {
        return kind.ofAccount()
                ? attentionReason(error)
                        .map(reason -> attention
                                .needsAttention(appId, reason)
                                .doFinally(signal -> cache.accountChanged(appId)))
                        .orElse(Mono.empty())
                : Mono.empty();
    }

    private static Optional<AttentionReason> attentionReason(Throwable error) {
        return error instanceof WeChatApiException wechat ? AttentionReason.of(wechat.errcode()) : Optional.empty();
    }
}
