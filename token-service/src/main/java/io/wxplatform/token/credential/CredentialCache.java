package io.wxplatform.token.credential;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This replica's servable credentials by id, so that a steady-state lookup reads nothing from MongoDB. An entry is
 * what {@link CredentialEngine#current} loaded: for an account's credential, only after the account was found
 * ACTIVE. It is served only while it has more than {@code serveMargin} left (checked on every read), for at most
 * {@code maxAge}, and dropped (or replaced) when
 * <ul>
 * <li>this replica stores a newer version ({@link #stored}: replaced by it);</li>
 * <li>another replica's {@code TokenRotated} notice names a newer version ({@link #rotated});</li>
 * <li>its version is reported invalid ({@link #reported});</li>
 * <li>its account changes (an {@code AccountEvent}, or a change made by this replica: {@link #accountChanged}).</li>
 * </ul>
 * Concurrent loads of one credential share one load; an entry dropped while its load is in flight is not cached
 * when the load completes (the load may have read what the drop was about). Loads that fail are not cached (callers
 * waiting for one get its error).
 */
@Component
class CredentialCache {

    private final AsyncCache<String, Loaded> cache;
    private final CredentialVersions versions;
    private final Counter hits;
    private final Counter misses;

    CredentialCache(
            CredentialCacheProperties properties, CredentialVersions versions, Clock clock, MeterRegistry meters) {
        this.versions = versions;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maxSize())
                .expireAfterWrite(properties.maxAge())
                // The service's clock, like the serve margin: both judge an entry by the same time.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .buildAsync();
        this.hits = Counter.builder("wx.credentials.cache.lookups")
                .tag("result", "hit")
                .description("Credential lookups served from this replica's cache")
                .register(meters);
        this.misses = Counter.builder("wx.credentials.cache.lookups")
                .tag("result", "miss")
                .description("Credential lookups that loaded from MongoDB (or WeChat)")
                .register(meters);
        Gauge.builder("wx.credentials.cache.size", cache, c -> c.synchronous().estimatedSize())
                .description("Credentials in this replica's cache")
                .register(meters);
    }

    /** The cached version of {@code id} while it may be served, else {@code load}'s (cached unless dropped). */
    Mono<Credential> get(String id, Supplier<Mono<Credential>> load) {
        return Mono.defer(() -> {
            CompletableFuture<Loaded> cached = cache.getIfPresent(id);
            Credential servable = servable(cached);
            if (servable != null) {
                return Mono.just(servable);
            }
            if (cached != null && cached.isDone()) {
                cache.asMap().remove(id, cached);
            }
            misses.increment();
            return Mono.fromFuture(loading(id, load), true)
                    .flatMap(Loaded::toMono)
                    // Never past the serve margin, even for a version another caller loaded a while ago.
                    .filter(versions::usable)
                    .switchIfEmpty(Mono.defer(load));
        });
    }

    /**
     * The cached version of {@code id} while it may be served, else {@code null}: never loads, never waits (a load in
     * flight is not waited for), so an event-loop thread may ask. A {@code null} is not counted as a miss: the caller
     * goes on to {@link #get}, which counts it.
     */
    Credential servable(String id) {
        return servable(cache.getIfPresent(id));
    }

    private Credential servable(CompletableFuture<Loaded> cached) {
        if (cached == null || !cached.isDone()) {
            return null;
        }
        Credential credential = cached.join().credential();
        if (credential == null || !versions.usable(credential)) {
            return null;
        }
        hits.increment();
        return credential;
    }

    /** This replica stored {@code stored}: it replaces an older cached version of the same credential. */
    void stored(Credential stored) {
        CompletableFuture<Loaded> cached = cache.getIfPresent(stored.id());
        if (cached != null) {
            // A load in flight may have read the version before; decide once it has answered.
            cached.thenAccept(loaded -> {
                if (loaded.credential() != null && loaded.credential().version() < stored.version()) {
                    cache.asMap()
                            .replace(stored.id(), cached, CompletableFuture.completedFuture(new Loaded(stored, null)));
                }
            });
        }
    }

    /** Another replica (or this one) announced {@code version}: an older cached version is dropped. */
    void rotated(String id, long version) {
        dropIf(id, credential -> credential.version() < version);
    }

    /** {@code version} was reported invalid: it is not served from the cache any more. */
    void reported(String id, long version) {
        dropIf(id, credential -> credential.version() <= version);
    }

    /** The account changed (status, secrets, deletion): its credentials are read again, account check included. */
    void accountChanged(String appId) {
        for (CredentialKind kind : CredentialKind.values()) {
            if (kind.ofAccount()) {
                cache.synchronous().invalidate(Credential.id(appId, kind));
            }
        }
    }

    private void dropIf(String id, Predicate<Credential> stale) {
        CompletableFuture<Loaded> cached = cache.getIfPresent(id);
        if (cached != null) {
            cached.thenAccept(loaded -> {
                if (loaded.credential() == null || stale.test(loaded.credential())) {
                    cache.asMap().remove(id, cached);
                }
            });
        }
    }

    private CompletableFuture<Loaded> loading(String id, Supplier<Mono<Credential>> load) {
        AtomicBoolean created = new AtomicBoolean();
        CompletableFuture<Loaded> promise = new CompletableFuture<>();
        CompletableFuture<Loaded> shared = cache.get(id, (key, executor) -> {
            created.set(true);
            return promise;
        });
        if (created.get()) {
            // Subscribed outside the cache's computation; runs to its end even if the first caller goes away.
            load.get()
                    .singleOptional()
                    .subscribe(
                            loaded -> {
                                if (loaded.isEmpty()) {
                                    cache.asMap().remove(id, promise);
                                }
                                promise.complete(new Loaded(loaded.orElse(null), null));
                            },
                            error -> {
                                cache.asMap().remove(id, promise);
                                promise.complete(new Loaded(null, error));
                            });
        }
        return shared;
    }

    /**
     * What a load found, its error included: a refusal (no ACTIVE account, WeChat's error) is routine here, and a
     * future completed exceptionally would have Caffeine log it as a failure of its own.
     */
    private record Loaded(Credential credential, Throwable error) {

        Mono<Credential> toMono() {
            return error != null ? Mono.error(error) : Mono.justOrEmpty(credential);
        }
    }
}
