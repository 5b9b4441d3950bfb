package io.wxplatform.token.credential;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter in its upper half, so failing accounts do not retry in lockstep. */
record Backoff(Duration base, Duration max) {

    /** Delay before the next attempt after {@code failures} failures in a row (1 or more). */
    Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), base.toMillis() << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
