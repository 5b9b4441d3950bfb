package io.wxplatform.bench;

import java.util.List;

/**
 * JVM flags of every process a benchmark starts (services and baselines alike): the JVM's default tiered JIT, as in
 * production, not the local platform's C1-only small-footprint flags, which trade peak speed for start-up and memory
 * and would measure the JIT rather than the service.
 */
public final class BenchJvm {

    public static final List<String> FLAGS = List.of("-XX:+UseParallelGC", "-Xms256m", "-Xmx1g", "-Xss512k");

    private BenchJvm() {
    }
}
