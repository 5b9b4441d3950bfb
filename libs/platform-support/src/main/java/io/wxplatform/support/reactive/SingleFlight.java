package io.wxplatform.support.reactive;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Concurrent callers with the same key share one run of the work (e.g. one load of a token); the first caller after
 * it ended starts a new run, so neither a value nor a failure is kept beyond the run.
 */
public final class SingleFlight<K, V> {

    private final ConcurrentMap<K, Mono<V>> flights = new ConcurrentHashMap<>();

    /** The running flight of {@code key}, or a new one of {@code work}; nothing starts before subscription. */
    public Mono<V> run(K key, Supplier<Mono<V>> work) {
        return Mono.defer(() -> flights.computeIfAbsent(key, k -> start(k, work)));
    }

    /** Flights running now (for tests and metrics). */
    public int inFlight() {
        return flights.size();
    }

    private Mono<V> start(K key, Supplier<Mono<V>> work) {
        AtomicReference<Mono<V>> self = new AtomicReference<>();
        // Leave the map before anyone sees the outcome, so no later caller joins a finished flight.
        Mono<V> flight = Mono.defer(work)
                .doOnSuccess(value -> flights.remove(key, self.get()))
                .doOnError(error -> flights.remove(key, self.get()))
                .doOnCancel(() -> flights.remove(key, self.get()))
                .cache();
        self.set(flight);
        return flight;
    }
}
