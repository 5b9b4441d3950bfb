package io.wxplatform.callback.settings;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Remote lookups by id kept in memory: known values for {@code ttl}, unknown ids briefly, failures not at all.
 * Concurrent lookups of one id share one call.
 *
 * <p>A known value still in use is fetched again in the background once it is half its {@code ttl} old, and served
 * meanwhile: without that, every account's callbacks would wait for token-service once per {@code ttl}. Changes are
 * still seen within the {@code ttl}; a value nobody asks for expires, and a failed refresh leaves the old value to
 * expire at its time.
 */
final class CachedLookup<T> {

    private final AsyncLoadingCache<String, Optional<T>> cache;

    CachedLookup(Function<String, Mono<Optional<T>>> loader, Duration ttl, Duration negativeTtl, long maxSize) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.writing((String id, Optional<T> value) -> value.isPresent() ? ttl : negativeTtl))
                // Unknown ids expire (negative ttl) long before this; only known values are refreshed.
                .refreshAfterWrite(ttl.dividedBy(2))
                .buildAsync((id, executor) -> loader.apply(id).toFuture());
    }

    /** The value, empty for an unknown id, or the loader's error. */
    Mono<T> find(String id) {
        return Mono.defer(() -> {
            CompletableFuture<Optional<T>> lookup = cache.get(id);
            if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
                // The usual case, a value already held: without the machinery that waits for a call.
                return Mono.justOrEmpty(lookup.join());
            }
            // Caffeine drops a failed lookup too, but only after its callers saw the failure; a retry must not.
            return Mono.fromFuture(lookup, true)
                    .doOnError(error -> cache.asMap().remove(id, lookup))
                    .flatMap(Mono::justOrEmpty);
        });
    }

    void invalidate(String id) {
        cache.synchronous().invalidate(id);
    }
}
