package io.wxplatform.bench.callback;

import java.time.Duration;

/**
 * Knobs of one run, read from {@code -Dbench.*} system properties (run.sh passes {@code BENCH_OPTS} through).
 *
 * @param phase           length of each measured phase (bench.phase-seconds, default 20)
 * @param warmup          length of the warm-up before each maximum-throughput phase (bench.warmup-seconds, 60:
 *                        on two busy cores C2 is still compiling the services and the load generator after 10 s)
 * @param concurrency     requests in flight while measuring the maximum throughput (bench.concurrency, 32)
 * @param maxInFlight     cap on requests in flight in the paced phase (bench.max-in-flight, 256)
 * @param accounts        accounts registered for the run (bench.accounts, 3)
 * @param followers       distinct followers per account (bench.followers, 50)
 * @param phaseCallbacks  callbacks pre-built per measured phase, an upper bound (bench.phase-callbacks, 100000)
 * @param countPatience   how long to wait for every durable event to show up on Kafka (bench.count-seconds, 60)
 */
record Settings(Duration phase, Duration warmup, int concurrency, int maxInFlight, int accounts, int followers,
                int phaseCallbacks, Duration countPatience) {

    static Settings fromSystemProperties() {
        return new Settings(
                Duration.ofSeconds(Long.getLong("bench.phase-seconds", 20)),
                Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60)),
                Integer.getInteger("bench.concurrency", 32),
                Integer.getInteger("bench.max-in-flight", 256),
                Integer.getInteger("bench.accounts", 3),
                Integer.getInteger("bench.followers", 50),
                Integer.getInteger("bench.phase-callbacks", 100_000),
                Duration.ofSeconds(Long.getLong("bench.count-seconds", 60)));
    }

    /** The warm-up gets callbacks in proportion to its length. */
    int warmupCallbacks() {
        return (int) Math.max(1000, phaseCallbacks * warmup.toSeconds() / Math.max(1, phase.toSeconds()));
    }
}
