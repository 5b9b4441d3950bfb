package io.wxplatform.callback.settings;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

/**
 * Remote lookups by id kept in memory: known values for {@code ttl}, unknown ids briefly, failures not at all.
 * Concurrent lookups of one id share one call.
 */
final class CachedLookup<T> {

    private final Function<String, Mono<Optional<T>>> loader;
    private final AsyncCache<String, Optional<T>> cache;

    CachedLookup(Function<String, Mono<Optional<T>>> loader, Duration ttl, Duration negativeTtl, long maxSize) {
        this.loader = loader;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.creating((String id, Optional<T> value) -> value.isPresent() ? ttl : negativeTtl))
                .buildAsync();
    }

    /** The value, empty for an unknown id, or the loader's error. */
    Mono<T> find(String id) {
        return Mono.defer(() -> {
            CompletableFuture<Optional<T>> lookup = cache.get(id, (key, executor) -> loader.apply(key).toFuture());
            // Caffeine drops a failed lookup too, but only after its callers saw the failure; a retry must not.
            return Mono.fromFuture(lookup, true).doOnError(error -> cache.asMap().remove(id, lookup));
        }).flatMap(Mono::justOrEmpty);
    }

    void invalidate(String id) {
        cache.synchronous().invalidate(id);
    }
}
