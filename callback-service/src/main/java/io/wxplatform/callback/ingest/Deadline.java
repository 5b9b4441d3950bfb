package io.wxplatform.callback.ingest;

import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The whole-request budget of one callback. WeChat gives up after 5 seconds, so an answer must leave before that:
 * past the deadline the callback is answered {@code success} if its event is already durable (whatever else was
 * still running, say a reply lookup), else with a failure so that WeChat retries.
 */
final class Deadline {

    /** What to answer once the deadline has passed. */
    enum Verdict {
        SUCCESS,
        RETRY;

        static Verdict of(boolean durable) {
            return durable ? SUCCESS : RETRY;
        }
    }

    private volatile boolean durable;

    /** Called once the event is acknowledged by Kafka or the outbox. */
    void markDurable() {
        durable = true;
    }

    Verdict verdict() {
        return Verdict.of(durable);
    }

    /** {@code work}'s answer if it comes within {@code budget}; otherwise {@code atDeadline} of the verdict then. */
    <T> Mono<T> guard(Mono<T> work, Duration budget, Function<Verdict, Mono<T>> atDeadline) {
        return work.timeout(budget, Mono.defer(() -> atDeadline.apply(verdict())));
    }
}
