package io.wxplatform.support.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a {@link TopicConsumer} does when handling a record fails: retry it in place (exponential backoff with jitter)
 * while {@code retryable} says another attempt may pass, up to {@code maxAttempts} attempts in all; then
 * {@code afterwards}.
 *
 * @param maxAttempts  attempts per delivery, the first included (1: no retry)
 * @param firstBackoff wait before the second attempt; doubles each time
 * @param maxBackoff   longest wait between attempts, and the pause before a record is delivered again
 *                     ({@link Afterwards#REDELIVER}, or a dead letter that could not be written)
 */
public record Failures(
        int maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Predicate<Throwable> retryable,
        Afterwards afterwards) {

    /** What becomes of a record whose attempts are used up (or whose failure is not retryable). */
    public enum Afterwards {
        /** Written to {@code <topic>.dlq} with the error attached; its offset is committed once the broker has it. */
        DEAD_LETTER,
        /** Logged and committed: for notices that a later one supersedes anyway. */
        SKIP,
        /**
         * Not committed: the record (and the rest of its partition) is delivered again after {@code maxBackoff}, for
         * as long as it takes. For notices that must never be skipped and cannot be dead-lettered meaningfully.
         */
        REDELIVER
    }

    public Failures {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retryable, "retryable");
        Objects.requireNonNull(afterwards, "afterwards");
    }

    public static Failures deadLetter(
            int maxAttempts, Duration firstBackoff, Duration maxBackoff, Predicate<Throwable> retryable) {
        return new Failures(maxAttempts, firstBackoff, maxBackoff, retryable, Afterwards.DEAD_LETTER);
    }

    public static Failures skip(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        return new Failures(maxAttempts, firstBackoff, maxBackoff, error -> true, Afterwards.SKIP);
    }

    /** For handlers that deal with their own failures: anything that still escapes is logged and skipped. */
    public static Failures skipAtOnce() {
        return skip(1, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    public static Failures redeliver(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        return new Failures(maxAttempts, firstBackoff, maxBackoff, error -> true, Afterwards.REDELIVER);
    }
}
