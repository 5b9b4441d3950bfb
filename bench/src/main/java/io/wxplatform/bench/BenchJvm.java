package io.wxplatform.bench;

import io.wxplatform.testkit.ModeSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVM flags of every process a benchmark starts (services and baselines alike): the JVM's default tiered JIT, as in
 * production, not the local platform's C1-only small-footprint flags, which trade peak speed for start-up and memory
 * and would measure the JIT rather than the service.
 */
public final class BenchJvm {

    public static final List<String> FLAGS = List.of("-XX:+UseParallelGC", "-Xms256m", "-Xmx1g", "-Xss512k");

    private BenchJvm() {}

    /** {@link #FLAGS}, with the process's GC pauses logged to {@code <logDir>/<name>-gc.log}, read with latencies. */
    public static List<String> flags(String name, Path logDir) {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.add("-Xlog:gc:file=" + logDir.resolve(name + "-gc.log"));
        String extra = System.getenv("BENCH_JVM_EXTRA");
        if (extra != null && !extra.isBlank()) {
            // e.g. a flight recording per process, to see where its CPU goes:
            // BENCH_JVM_EXTRA='-XX:StartFlightRecording=filename={logs}/{name}.jfr,settings=profile'
            for (String flag : extra.trim().split("\\s+")) {
                flags.add(flag.replace("{name}", name).replace("{logs}", logDir.toString()));
            }
        }
        return List.copyOf(flags);
    }

    /**
     * Kafka and MongoDB in the benchmark's own JVM (embedded KRaft broker, mongo-java-server) unless
     * {@code WXP_TESTKIT_MODE} or {@code -Dwxplatform.testkit.mode} asks for something else: {@code containers}
     * runs the real servers in Docker where an engine is available.
     */
    public static void defaultToEmbeddedInfrastructure() {
        if (System.getProperty(ModeSelection.PROPERTY) == null && System.getenv(ModeSelection.ENV) == null) {
            System.setProperty(ModeSelection.PROPERTY, "embedded");
        }
    }
}
