package io.wxplatform.gateway.ratelimit;

import java.time.Duration;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code requestsPerSecond}; each request takes one.
 * Time is passed in (nanoseconds of a monotonic clock), so the arithmetic is tested without waiting.
 */
final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    TokenBucket(double requestsPerSecond, int burst, long nowNanos) {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("requests-per-second must be > 0 and burst >= 1");
        }
        this.perNano = requestsPerSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes a token if there is one: {@link Duration#ZERO}; otherwise how long until there will be one. */
    synchronized Duration take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            refilledAt = nowNanos;
        }
    }
}
