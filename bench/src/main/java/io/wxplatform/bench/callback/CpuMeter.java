package io.wxplatform.bench.callback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time each of the benchmark's processes spent during a phase, per answered request: where the cost of a
 * callback goes (the benchmark JVM holds the load generator, the broker and MongoDB). Read from the operating system
 * ({@link ProcessHandle.Info#totalCpuDuration()}); a process whose figure is not available is left out.
 */
final class CpuMeter {

    private final Map<String, ProcessHandle> processes;

    CpuMeter(Map<String, ProcessHandle> processes) {
        this.processes = new LinkedHashMap<>(processes);
    }

    Reading read() {
        Map<String, Duration> used = new LinkedHashMap<>();
        processes.forEach((name, process) -> process.info().totalCpuDuration()
                .ifPresent(cpu -> used.put(name, cpu)));
        return new Reading(used);
    }

    record Reading(Map<String, Duration> used) {

        /** {@code name=0.42} per process, milliseconds of CPU per request between {@code earlier} and this reading. */
        String perRequestSince(Reading earlier, int requests) {
            StringJoiner line = new StringJoiner(" ", "cpu ms per request: ", "");
            used.forEach((name, cpu) -> {
                Duration before = earlier.used().get(name);
                if (before != null && requests > 0) {
                    line.add(String.format("%s=%.3f", name, cpu.minus(before).toNanos() / 1e6 / requests));
                }
            });
            return line.toString();
        }
    }
}
