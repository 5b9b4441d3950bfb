package io.wxplatform.callback.durability;

import java.time.Duration;
import java.time.Instant;

/**
 * What the operator API shows of the outbox: how many events wait for Kafka and the one waiting longest (its
 * body aside). A growing depth or age means the relay cannot reach Kafka (alerts OutboxDepthGrowing, OutboxAgeGrowing).
 */
record OutboxStatus(long depth, Oldest oldest) {

    /** The event waiting longest: {@code attempts} counts the relay's claims so far. */
    record Oldest(String eventId, String topic, String key, Instant createdAt, long ageSeconds, int attempts) {

        static Oldest of(OutboxEntry entry, Instant now) {
            return new Oldest(
                    entry.eventId(),
                    entry.topic(),
                    entry.key(),
                    entry.createdAt(),
                    Math.max(0, Duration.between(entry.createdAt(), now).toSeconds()),
                    entry.attempts());
        }
    }
}
