package io.wxplatform.bench.callback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU time each of the benchmark's processes spent during a phase, per answered request: where the cost of a
 * callback goes (the benchmark JVM holds the load generator, the broker and MongoDB). Read from the operating system
 * ({@link ProcessHandle.Info#totalCpuDuration()}); a process whose figure is not available is left out. On Linux
 * the line also gives the machine's steal time during the phase (CPU its hypervisor gave to someone else), which
 * explains runs that are slow across the board.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final Map<String, ProcessHandle> processes;

    CpuMeter(Map<String, ProcessHandle> processes) {
        this.processes = new LinkedHashMap<>(processes);
    }

    Reading read() {
        Map<String, Duration> used = new LinkedHashMap<>();
        processes.forEach((name, process) -> process.info().totalCpuDuration().ifPresent(cpu -> used.put(name, cpu)));
        return new Reading(used, machineTicks());
    }

    /** {@code [all, steal]} ticks of the machine so far (the first line of /proc/stat), or null where there is none. */
    private static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            return new long[] {all, fields.length > 8 ? Long.parseLong(fields[8]) : 0};
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }

    record Reading(Map<String, Duration> used, long[] ticks) {

        /**
         * {@code name=0.42} per process, milliseconds of CPU per request between {@code earlier} and this reading;
         * then {@code steal=3%} of the machine's CPU time.
         */
        String perRequestSince(Reading earlier, int requests) {
            StringJoiner line = new StringJoiner(" ", "cpu ms per request: ", "");
            used.forEach((name, cpu) -> {
                Duration before = earlier.used().get(name);
                if (before != null && requests > 0) {
                    line.add(String.format("%s=%.3f", name, cpu.minus(before).toNanos() / 1e6 / requests));
                }
            });
            if (ticks != null && earlier.ticks() != null && ticks[0] > earlier.ticks()[0]) {
                line.add(String.format(
                        "steal=%.0f%%", 100.0 * (ticks[1] - earlier.ticks()[1]) / (ticks[0] - earlier.ticks()[0])));
            }
            return line.toString();
        }
    }
}
