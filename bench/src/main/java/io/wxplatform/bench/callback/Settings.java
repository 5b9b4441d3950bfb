package io.wxplatform.bench.callback;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Knobs of one run, read from {@code -Dbench.*} system properties (run.sh passes {@code BENCH_OPTS} through);
 * {@code --quick} shortens every phase for a smoke run that proves the benchmark works end to end (its figures
 * mean nothing).
 *
 * @param phase          length of each measured phase (bench.phase-seconds, default 20; quick 5)
 * @param warmup         length of the warm-up before each maximum-throughput phase (bench.warmup-seconds, 60: on
 *                       two busy cores C2 is still compiling the services after 10 s; quick 5)
 * @param connections    connections of the maximum-throughput phases (bench.connections, 32,64): each endpoint is
 *                       measured at every count and its best is its maximum, since one count can leave an endpoint
 *                       bound by its latency rather than its CPU (docs/benchmarks.md)
 * @param pacedConnections connections of the paced phase, enough that one is always free (bench.paced-connections,
 *                       64)
 * @param wrkThreads     wrk threads (bench.wrk-threads, 2)
 * @param accounts       accounts registered for the run (bench.accounts, 3)
 * @param followers      distinct followers per account (bench.followers, 50)
 * @param warmupCallbacks callbacks a warm-up cycles through (bench.warmup-callbacks, 100000; quick 5000)
 * @param rateMargin     a measured phase gets this many times the warm-up's rate in distinct callbacks
 *                       (bench.rate-margin, 2.0)
 * @param countPatience  how long to wait for every durable event to show up on Kafka (bench.count-seconds, 60)
 */
record Settings(
        Duration phase,
        Duration warmup,
        List<Integer> connections,
        int pacedConnections,
        int wrkThreads,
        int accounts,
        int followers,
        int warmupCallbacks,
        double rateMargin,
        Duration countPatience) {

    static Settings from(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        return new Settings(
                Duration.ofSeconds(Long.getLong("bench.phase-seconds", quick ? 5 : 20)),
                Duration.ofSeconds(Long.getLong("bench.warmup-seconds", quick ? 5 : 60)),
                Stream.of(System.getProperty("bench.connections", "32,64").split(","))
                        .map(count -> Integer.valueOf(count.trim()))
                        .toList(),
                Integer.getInteger("bench.paced-connections", 64),
                Integer.getInteger("bench.wrk-threads", 2),
                Integer.getInteger("bench.accounts", 3),
                Integer.getInteger("bench.followers", 50),
                Integer.getInteger("bench.warmup-callbacks", quick ? 5_000 : 100_000),
                Double.parseDouble(System.getProperty("bench.rate-margin", "2.0")),
                Duration.ofSeconds(Long.getLong("bench.count-seconds", 60)));
    }

    /** Distinct callbacks for a phase expected to run at {@code rate} requests per second. */
    int callbacksFor(double rate) {
        return (int) Math.max(2_000, rate * rateMargin * phase.toSeconds());
    }
}
