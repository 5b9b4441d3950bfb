package io.wxplatform.bench.tokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Knobs of one token fleet run, from {@code bench/run.sh tokens --accounts=N[,N...] --lifetime=300s [--lifetimes=2]
 * [--lookup-seconds=20]}; several fleet sizes are run one after the other ({@link #fleets(String[])}).
 *
 * @param accounts      accounts in the sandbox and in token-service (100,000; "_" may group digits)
 * @param lifetime      WeChat's token lifetime in the sandbox (300 s; production 7,200 s)
 * @param lifetimes     steady-state lifetimes measured after the warm-up (2)
 * @param lookupPhase   length of each lookup throughput phase, token API and bare endpoint (20 s)
 * @param concurrency   requests in flight while registering, warming up and measuring lookups (16)
 * @param killOne       fault run ({@code --kill-one}): a second token-service shares the fleet and is killed
 *                      ({@code kill -9}) halfway through the steady state
 */
record TokenSettings(
        int accounts, Duration lifetime, int lifetimes, Duration lookupPhase, int concurrency, boolean killOne) {

    static TokenSettings parse(String[] args) {
        int accounts = 100_000;
        Duration lifetime = Duration.ofSeconds(300);
        int lifetimes = 2;
        Duration lookupPhase = Duration.ofSeconds(20);
        int concurrency = 16;
        boolean killOne = false;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--accounts=")) {
                accounts = fleets(args).get(0);
            } else if (arg.startsWith("--lifetime=")) {
                lifetime = Duration.ofSeconds(Long.parseLong(value.replaceAll("s$", "")));
            } else if (arg.startsWith("--lifetimes=")) {
                lifetimes = Integer.parseInt(value);
            } else if (arg.startsWith("--lookup-seconds=")) {
                lookupPhase = Duration.ofSeconds(Long.parseLong(value));
            } else if (arg.startsWith("--concurrency=")) {
                concurrency = Integer.parseInt(value);
            } else if (arg.equals("--kill-one")) {
                killOne = true;
            } else if (!arg.equals("tokens")) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new TokenSettings(accounts, lifetime, lifetimes, lookupPhase, concurrency, killOne);
    }

    /** The fleet sizes of {@code --accounts=1000,5000,10000} (default: one fleet of 100,000). */
    static List<Integer> fleets(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--accounts=")) {
                return Arrays.stream(arg.substring("--accounts=".length()).split(","))
                        .map(n -> Integer.parseInt(n.trim().replace("_", "")))
                        .toList();
            }
        }
        return List.of(100_000);
    }

    TokenSettings withAccounts(int fleet) {
        return new TokenSettings(fleet, lifetime, lifetimes, lookupPhase, concurrency, killOne);
    }

    /** stable_token's normal mode hands out a fresh token once the current one has less than this left. */
    Duration stableRefreshAhead() {
        return lifetime.multipliedBy(2).dividedBy(5);
    }

    /** token-service replaces a token this long before expiry: inside the renewal window above. */
    Duration refreshMargin() {
        return lifetime.multipliedBy(3).dividedBy(10);
    }

    /** ... and up to this much earlier, at random. */
    Duration refreshJitter() {
        return lifetime.dividedBy(10);
    }

    /** A token with less than this left is never handed out. */
    Duration serveMargin() {
        return lifetime.dividedBy(10);
    }

    /** How long each token is in use on average: issue to scheduled replacement. */
    Duration refreshInterval() {
        return lifetime.minus(refreshMargin()).minus(refreshJitter().dividedBy(2));
    }
}
