package io.wxplatform.gateway.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One timer, {@code wxplatform.gateway.callbacks}, tagged by outcome and the status class the edge answered: its
 * counts are the outcome counts, its histogram the latency from the request's arrival to the answer's last byte.
 * Meters are made once here, not looked up per callback.
 */
final class PassThroughMetrics {

    static final String NAME = "wxplatform.gateway.callbacks";

    /** What became of a callback at the edge. */
    enum Outcome {
        /** callback-service answered; its status went back unchanged. */
        FORWARDED,
        /** The body was over the limit, declared or while streaming: 413. */
        TOO_LARGE,
        /** Dot segments or encoded separators in the path: 400. */
        MALFORMED,
        /** callback-service did not answer within the response timeout: 503. */
        TIMEOUT,
        /** callback-service could not be reached (refused, connect timeout, pool exhausted): 503. */
        UNAVAILABLE,
        /** callback-service was just found unreachable, so the edge answered 503 without trying. */
        UPSTREAM_DOWN,
        /** Anything else, such as the connection lost mid-answer: 503 when still possible. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Timer[][] timers = new Timer[Outcome.values().length][6];

    PassThroughMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            for (int statusClass = 1; statusClass <= 5; statusClass++) {
                timers[outcome.ordinal()][statusClass] = Timer.builder(NAME)
                        .description("WeChat callbacks relayed by the edge, by outcome and answered status class")
                        .tag("outcome", outcome.tag())
                        .tag("status", statusClass + "xx")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry);
            }
        }
    }

    void record(Outcome outcome, int status, long startedNanos) {
        int statusClass = status / 100;
        timers[outcome.ordinal()][statusClass < 1 || statusClass > 5 ? 5 : statusClass].record(
                System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
