package io.wxplatform.gateway.callbacks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Remembers that callback-service could not be reached, for a short while: callbacks arriving meanwhile are answered
 * 503 at once instead of each waiting for its own connect timeout (WeChat retries them). The first callback after
 * the pause tries again, and one successful connection ends the pause.
 */
final class UpstreamAvailability {

    private final long pauseNanos;
    private final LongSupplier clock;
    private final AtomicLong downUntil = new AtomicLong(Long.MIN_VALUE);

    UpstreamAvailability(Duration pause) {
        this(pause, System::nanoTime);
    }

    UpstreamAvailability(Duration pause, LongSupplier clock) {
        this.pauseNanos = pause.toNanos();
        this.clock = clock;
    }

    /** False while the pause after a failed connection lasts. */
    boolean worthTrying() {
        long until = downUntil.get();
        return until == Long.MIN_VALUE || clock.getAsLong() - until >= 0;
    }

    void unreachable() {
        if (pauseNanos > 0) {
            downUntil.set(clock.getAsLong() + pauseNanos);
        }
    }

    void reached() {
        if (downUntil.get() != Long.MIN_VALUE) {
            downUntil.set(Long.MIN_VALUE);
        }
    }
}
