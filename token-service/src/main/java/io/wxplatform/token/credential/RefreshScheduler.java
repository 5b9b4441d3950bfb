package io.wxplatform.token.credential;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Instant;
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
    private final CredentialEngine engine;
    private final CredentialProperties properties;
    private final Clock clock;
    private final String owner;
    private final Mono<String> permit;

    RefreshScheduler(
            CredentialRepository credentials,
            CredentialEngine engine,
            CredentialProperties properties,
            Clock clock,
            ReplicaId replica,
            RateLimiter tokenCallLimiter,
            PlatformRateLimit platformRateLimit) {
        this.credentials = credentials;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        this.owner = replica.value();
        // This replica's share first (no MongoDB round-trip while it is used up), then the platform-wide one.
        this.permit = Mono.just("permit")
                .transformDeferred(RateLimiterOperator.of(tokenCallLimiter))
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
                .concatMap(
                        ids -> Flux.fromIterable(ids)
                                .concatMap(this::claim, 1)
                                .flatMap(this::refresh, properties.concurrency(), 1)
                                .then(),
                        1)
                .then()
                .onErrorResume(error -> {
                    log.warn(
                            "Credential sweep stopped early, next one in {}: {}",
                            properties.scanInterval(),
                            error.toString());
                    return Mono.empty();
                });
    }

    private Mono<Credential> claim(String id) {
        Instant now = clock.instant();
        return credentials.claimDue(id, owner, now, now.plus(properties.lease()));
    }

    /** The engine's refresh under this replica's lease; it never fails (errors become retries or parking). */
    private Mono<Void> refresh(Credential claimed) {
        return engine.refreshClaimed(claimed, permit);
    }
}
