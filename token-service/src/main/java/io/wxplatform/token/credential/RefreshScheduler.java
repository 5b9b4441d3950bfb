package io.wxplatform.token.credential;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.AccountAttention;
import io.wxplatform.wechat.api.AttentionReason;
import io.wxplatform.wechat.api.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps every credential fresh before it expires. Each replica, every {@code scanInterval}, claims due
 * credentials one by one (a lease in the credential's own document, taken with one conditional update, so a
 * credential is refreshed by one replica at a time) and refreshes up to {@code concurrency} at once under a rate
 * limit. A replica that dies mid-refresh leaves its lease to run out; the next claim after that takes over.
 */
@Component
class RefreshScheduler extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(RefreshScheduler.class);

    private final CredentialRepository credentials;
    private final AccessTokens accessTokens;
    private final JsapiTickets jsapiTickets;
    private final ComponentTokens componentTokens;
    private final TokenRotations rotations;
    private final AccountAttention attention;
    private final Backoff backoff;
    private final CredentialProperties properties;
    private final Clock clock;
    private final String owner;
    private final Mono<String> permit;

    RefreshScheduler(CredentialRepository credentials, AccessTokens accessTokens, JsapiTickets jsapiTickets,
            ComponentTokens componentTokens,
            TokenRotations rotations, AccountAttention attention, CredentialProperties properties, Clock clock,
            ReplicaId replica, RateLimiter tokenCallLimiter, PlatformRateLimit platformRateLimit) {
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.jsapiTickets = jsapiTickets;
        this.componentTokens = componentTokens;
        this.rotations = rotations;
        this.attention = attention;
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax());
        this.properties = properties;
        this.clock = clock;
        this.owner = replica.value();
        // This replica's share first (no MongoDB round-trip while it is used up), then the platform-wide one.
        this.permit = Mono.just("permit").transformDeferred(RateLimiterOperator.of(tokenCallLimiter))
                .flatMap(permit -> platformRateLimit.permit().thenReturn(permit));
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(properties.scanInterval(), properties.scanInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1)
                .subscribe();
    }

    /**
     * Refreshes due credentials until none is left: asks MongoDB for a batch of due ids at a time, and claims each
     * only as a refresh slot frees up, so a lease is never taken long before its refresh starts. Another replica may
     * claim some of the same ids first; those are skipped.
     */
    Mono<Void> sweep() {
        int batch = properties.claimBatch();
        return Flux.<Integer>generate(sink -> sink.next(0))
                .concatMap(any -> credentials.dueIds(clock.instant(), batch).collectList(), 1)
                .takeUntil(ids -> ids.size() < batch)
                .concatMap(ids -> Flux.fromIterable(ids)
                        .concatMap(this::claim, 1)
                        .flatMap(this::refresh, properties.concurrency(), 1)
                        .then(), 1)
                .then()
                .onErrorResume(error -> {
                    log.warn("Credential sweep stopped early, next one in {}: {}", properties.scanInterval(),
                            error.toString());
                    return Mono.empty();
                });
    }

    private Mono<Credential> claim(String id) {
        Instant now = clock.instant();
        return credentials.claimDue(id, owner, now, now.plus(properties.lease()));
    }

    /**
     * Fetches the next version, stores it only while the lease is still ours and the version the one claimed,
     * and announces it. Never fails: an error becomes a later retry or, if a person must act, an attention state.
     */
    private Mono<Void> refresh(Credential claimed) {
        Mono<Credential> next = switch (claimed.kind()) {
            case ACCESS_TOKEN -> accessTokens.fetchNext(claimed, permit);
            case JSAPI_TICKET -> jsapiTickets.fetchNext(claimed, permit);
            case COMPONENT_ACCESS_TOKEN -> componentTokens.fetchNext(claimed, permit);
        };
        return next
                .flatMap(fetched -> store(claimed, fetched).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> {
                    log.info("Account {} is not active; its {} is no longer refreshed", claimed.appId(),
                            claimed.kind());
                    return credentials.park(claimed, owner).thenReturn(true);
                }))
                .then()
                .onErrorResume(error -> failed(claimed, error));
    }

    private Mono<Void> store(Credential claimed, Credential next) {
        return credentials.storeIfLeased(next, claimed.version(), owner)
                .flatMap(stored -> {
                    if (!stored) {
                        log.info("Lease on {} was lost before storing; the new holder's version wins", claimed);
                        return Mono.empty();
                    }
                    log.debug("Refreshed {} to version {}, next at {}", claimed, next.version(), next.refreshAt());
                    return rotations.announce(next);
                });
    }

    private Mono<Void> failed(Credential claimed, Throwable error) {
        Optional<AttentionReason> reason = error instanceof WeChatApiException wechat
                ? AttentionReason.of(wechat.errcode())
                : Optional.empty();
        if (reason.isPresent()) {
            return attention.needsAttention(claimed.appId(), reason.get()).then(credentials.park(claimed, owner));
        }
        if (error instanceof ApiException api && "ACCOUNT_NOT_ACTIVE".equals(api.code())) {
            return credentials.park(claimed, owner);
        }
        int failures = claimed.failures() + 1;
        Instant retryAt = clock.instant().plus(backoff.after(failures));
        log.warn("Refreshing {} failed ({} in a row), next try at {}: {}", claimed, failures, retryAt,
                error.toString());
        return credentials.retryLater(claimed, owner, failures, retryAt);
    }

}
