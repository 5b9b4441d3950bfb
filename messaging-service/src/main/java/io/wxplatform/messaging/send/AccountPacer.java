package io.wxplatform.messaging.send;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Spaces one instance's sends of an account at least {@code 1 / rate} apart, without blocking: each caller reserves
 * the next free slot and waits for it on a timer.
 */
final class AccountPacer {

    private final long intervalNanos;
    private final ConcurrentMap<String, AtomicLong> nextFree = new ConcurrentHashMap<>();

    AccountPacer(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    /** Takes the account's next slot if it is free now; false (nothing taken) when a send would have to wait. */
    boolean tryNow(String appId) {
        if (intervalNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        AtomicLong next = nextFree.computeIfAbsent(appId, id -> new AtomicLong(now));
        while (true) {
            long free = next.get();
            if (free > now) {
                return false;
            }
            if (next.compareAndSet(free, now + intervalNanos)) {
                return true;
            }
        }
    }

    /** Completes when the account's next slot has come. */
    Mono<Void> slot(String appId) {
        if (intervalNanos == 0) {
            return Mono.empty();
        }
        long now = System.nanoTime();
        long previous = nextFree.computeIfAbsent(appId, id -> new AtomicLong(now))
                .getAndUpdate(next -> Math.max(next, now) + intervalNanos);
        long wait = Math.max(previous, now) - now;
        return wait == 0 ? Mono.empty() : Mono.delay(Duration.ofNanos(wait)).then();
    }
}
