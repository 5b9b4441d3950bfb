package io.wxplatform.token.credential;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/** Concurrent callers with the same key share one run of the work; the next caller after it ends starts anew. */
final class SingleFlight<V> {

    private final ConcurrentMap<String, Mono<V>> flights = new ConcurrentHashMap<>();

    Mono<V> run(String key, Supplier<Mono<V>> work) {
        return Mono.defer(() -> flights.computeIfAbsent(key, k -> start(k, work)));
    }

    private Mono<V> start(String key, Supplier<Mono<V>> work) {
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
