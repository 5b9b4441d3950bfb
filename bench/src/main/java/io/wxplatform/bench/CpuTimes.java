package io.wxplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU seconds (user + system) each process of the run has used, from {@code /proc/<pid>/stat} (Linux; elsewhere
 * nothing): taken before and after a phase, the difference says which process the phase's time went to, on a machine
 * where everything competes for the same cores.
 */
public final class CpuTimes {

    /** Linux's USER_HZ: {@code /proc} counts CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    public CpuTimes add(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    public Map<String, Double> now() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, seconds(pid)));
        return seconds;
    }

    /** {@code name s, …} used between {@code before} and now. */
    public String since(Map<String, Double> before) {
        StringJoiner used = new StringJoiner(", ", "CPU used: ", "");
        now().forEach((name, seconds) ->
                used.add(String.format("%s %.1f s", name, seconds - before.getOrDefault(name, 0.0))));
        return used.toString();
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command (in parentheses, which may hold spaces): state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
