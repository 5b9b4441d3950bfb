package io.wxplatform.callback.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the outbox is known to be empty across all instances, so the callback path may skip asking MongoDB
 * whether the follower has events waiting (one round trip per callback). Known empty means: the relay's last count
 * found no document, that count started less than {@code trustFor} ago, and this instance has inserted nothing since.
 *
 * <p>Another instance's insert is seen at this instance's next count, at most {@code trustFor} later; within that
 * window a newer event of the same follower may reach Kafka before the older one waiting in the outbox. The
 * per-follower lookup it replaces had a window of the same kind and a similar size: an event is in neither store
 * while its Kafka send runs out its budget (1.5 s).
 */
public class OutboxEmptiness {

    private final Clock clock;
    private final Duration trustFor;
    private final AtomicLong localInserts = new AtomicLong();
    private volatile Reading lastEmpty;

    public OutboxEmptiness(Clock clock, Duration trustFor) {
        this.clock = clock;
        this.trustFor = trustFor;
    }

    public boolean knownEmpty() {
        Reading reading = lastEmpty;
        return reading != null
                && reading.localInserts() == localInserts.get()
                && Duration.between(reading.startedAt(), clock.instant()).compareTo(trustFor) < 0;
    }

    /** Called before this instance inserts into the outbox: from then on it asks per follower again. */
    public void inserting() {
        localInserts.incrementAndGet();
    }

    /** Taken just before counting, so an insert made while the count runs is never hidden by it. */
    Reading startReading() {
        return new Reading(localInserts.get(), clock.instant());
    }

    void counted(Reading reading, long depth) {
        lastEmpty = depth == 0 ? reading : null;
    }

    record Reading(long localInserts, Instant startedAt) {
    }
}
