package io.wxplatform.bench.callback;

import java.util.List;

/**
 * What one load phase saw. {@code ok} answers are 200s (callback-service answers 200 only once the event is durable),
 * whose event ids are {@code okIds}; {@code seconds} runs from the first send to the last answer. {@code latencies}
 * run from when a request was due (in closed loops, when it left), {@code serviceTimes} from when it left.
 */
record PhaseResult(String name, int sent, int ok, int failed, double seconds, Latencies latencies,
                   Latencies serviceTimes, List<String> okIds) {

    double throughput() {
        return ok / seconds;
    }

    String summary() {
        return String.format("%-22s sent=%d ok=%d failed=%d in %.1f s: %.0f req/s, p50=%.1f ms, p99=%.1f ms"
                        + " (from send: p50=%.1f ms, p99=%.1f ms, max=%.1f ms)",
                name, sent, ok, failed, seconds, throughput(), latencies.percentileMillis(50),
                latencies.percentileMillis(99), serviceTimes.percentileMillis(50), serviceTimes.percentileMillis(99),
                serviceTimes.percentileMillis(100));
    }
}
