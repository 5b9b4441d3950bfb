package io.wxplatform.bench.callback;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The load generator of the callback benchmark: wrk (C, event loop per thread) with {@code bench/wrk/callbacks.lua},
 * which sends pre-built callbacks from a file, each at most once, so that the generator costs far less than what it
 * measures. Each run is a separate wrk process; its result line gives the counts, latency percentiles and wrk's own
 * CPU time while sending.
 */
public final class Wrk {

    private final Path root;
    private final Path workDir;
    private final int threads;

    public Wrk(Path root, int threads) throws IOException {
        this.root = root;
        this.workDir = Files.createDirectories(root.resolve("bench/target/wrk"));
        this.threads = threads;
    }

    /** Whether wrk is on the PATH (run.sh installs it; the benchmark refuses to fall back to a slower generator). */
    public static void requireInstalled() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install -y wrk; bench/run.sh does it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code callbacks} to {@code baseUrl} for {@code duration} over {@code connections} connections: as fast
     * as they are answered, or at {@code rate} requests per second when it is positive. {@code wrap}: start over
     * when the callbacks run out (only where repeats do not matter); otherwise a thread that runs out stops, and the
     * result says so ({@link Result#exhausted()}): its throughput is then too low.
     */
    Result run(
            String name,
            String baseUrl,
            List<Callback> callbacks,
            boolean wrap,
            int connections,
            Duration duration,
            double rate) {
        return run(name, baseUrl, callbacks, wrap, connections, duration, rate, false);
    }

    /** As above; {@code collectAnswers}: note the event id of every 200 answer ({@link Result#answered()}). */
    Result run(
            String name,
            String baseUrl,
            List<Callback> callbacks,
            boolean wrap,
            int connections,
            Duration duration,
            double rate,
            boolean collectAnswers) {
        return run(name, baseUrl, callbacks, wrap, connections, duration, rate, collectAnswers, Map.of());
    }

    /**
     * POSTs of {@code requests} (each {@link Callback} a path, a body and an id sent as X-Request-Id) with {@code
     * contentType} and {@code authorization} headers, each at most once unless {@code wrap}, as fast as answered: the
     * sends benchmark's REST sends and bare WeChat calls with the same generator as the callbacks.
     */
    public Result runPosts(
            String name,
            String baseUrl,
            List<Callback> requests,
            String contentType,
            String authorization,
            boolean wrap,
            int connections,
            Duration duration) {
        Map<String, String> env = new HashMap<>();
        env.put("BENCH_WRK_CONTENT_TYPE", contentType);
        if (authorization != null) {
            env.put("BENCH_WRK_AUTH", authorization);
        }
        return run(name, baseUrl, requests, wrap, connections, duration, 0, false, env);
    }

    private Result run(
            String name,
            String baseUrl,
            List<Callback> callbacks,
            boolean wrap,
            int connections,
            Duration duration,
            double rate,
            boolean collectAnswers,
            Map<String, String> env) {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Path file = workDir.resolve(slug + ".requests");
        Path answers = workDir.resolve(slug + ".answers");
        write(file, callbacks);
        List<String> command = List.of(
                "wrk",
                "-t",
                Integer.toString(threads),
                "-c",
                Integer.toString(Math.max(connections, threads)),
                "-d",
                duration.toSeconds() + "s",
                "--timeout",
                "5s",
                "-s",
                root.resolve("bench/wrk/callbacks.lua").toString(),
                baseUrl,
                "--",
                file.toString(),
                wrap ? "wrap" : "once",
                Integer.toString(threads));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (rate > 0) {
            builder.environment().put("BENCH_WRK_RATE", String.format("%.1f", rate));
        }
        try {
            if (collectAnswers) {
                deleteRecursively(answers);
                Files.createDirectories(answers);
                builder.environment().put("BENCH_WRK_ANSWERS", answers.toString());
            }
            Process wrk = builder.start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed for " + name + ":\n" + output);
            }
            Files.writeString(workDir.resolve(file.getFileName() + ".out"), output);
            Files.deleteIfExists(file);
            String line = output.lines()
                    .filter(l -> l.startsWith("BENCH "))
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("wrk printed no result for " + name + ":\n" + output));
            Set<String> answered = new LinkedHashSet<>();
            if (collectAnswers) {
                try (var files = Files.list(answers)) {
                    for (Path answeredFile : files.toList()) {
                        answered.addAll(Files.readAllLines(answeredFile));
                    }
                }
                deleteRecursively(answers);
            }
            return Result.parse(name, line, callbacks, threads, answered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * GETs of {@code paths} (cycled) with {@code authorization} as the Authorization header, for {@code duration}
     * over {@code connections} connections, as fast as answered or paced to {@code rate}: the token benchmark's
     * lookups with the same generator as the callbacks.
     */
    public Result runGets(
            String name,
            String baseUrl,
            List<String> paths,
            String authorization,
            int connections,
            Duration duration,
            double rate) {
        String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
        Path file = workDir.resolve(slug + ".paths");
        List<String> command = List.of(
                "wrk",
                "-t",
                Integer.toString(threads),
                "-c",
                Integer.toString(Math.max(connections, threads)),
                "-d",
                duration.toSeconds() + "s",
                "--timeout",
                "5s",
                "-s",
                root.resolve("bench/wrk/callbacks.lua").toString(),
                baseUrl,
                "--",
                file.toString(),
                "wrap",
                Integer.toString(threads));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_WRK_METHOD", "GET");
        builder.environment().put("BENCH_WRK_AUTH", authorization);
        if (rate > 0) {
            builder.environment().put("BENCH_WRK_RATE", String.format("%.1f", rate));
        }
        try {
            Files.write(file, paths);
            Process wrk = builder.start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed for " + name + ":\n" + output);
            }
            Files.writeString(workDir.resolve(slug + ".out"), output);
            String line = output.lines()
                    .filter(l -> l.startsWith("BENCH "))
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("wrk printed no result for " + name + ":\n" + output));
            return Result.parse(name, line, List.of(), threads, Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static void write(Path file, List<Callback> callbacks) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Callback callback : callbacks) {
                if (callback.path().indexOf('\n') >= 0 || callback.body().indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("A callback spans lines: " + callback.path());
                }
                out.write(callback.path());
                out.write('\n');
                out.write(callback.eventId());
                out.write('\n');
                out.write(callback.body());
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One wrk run. {@code issued}: event ids of every callback sent; {@code answered}: those answered 200, when the
     * run collected them (empty otherwise). Latencies from when a request left, in milliseconds.
     */
    public record Result(
            String name,
            long requests,
            double seconds,
            long non2xx,
            long socketErrors,
            double p50Ms,
            double p99Ms,
            double p999Ms,
            double maxMs,
            double generatorCpuMs,
            long exhausted,
            long late,
            Set<String> issued,
            Set<String> answered) {

        static Result parse(String name, String line, List<Callback> callbacks, int threads, Set<String> answered) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : line.substring("BENCH ".length()).trim().split(" ")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            Set<String> issued = new LinkedHashSet<>();
            for (String share : fields.get("sent").split(",")) {
                int thread = Integer.parseInt(share.substring(0, share.indexOf(':'))) - 1;
                long sent = Long.parseLong(share.substring(share.indexOf(':') + 1));
                List<String> ids = new ArrayList<>();
                for (int i = thread; i < callbacks.size() && ids.size() < sent; i += threads) {
                    ids.add(callbacks.get(i).eventId());
                }
                issued.addAll(ids);
            }
            return new Result(
                    name,
                    Long.parseLong(fields.get("requests")),
                    Long.parseLong(fields.get("duration_us")) / 1e6,
                    Long.parseLong(fields.get("non2xx")),
                    Long.parseLong(fields.get("socket_errors")),
                    micros(fields, "p50_us"),
                    micros(fields, "p99_us"),
                    micros(fields, "p999_us"),
                    micros(fields, "max_us"),
                    Double.parseDouble(fields.get("cpu_ms")),
                    Long.parseLong(fields.get("exhausted")),
                    Long.parseLong(fields.get("late")),
                    issued,
                    answered);
        }

        private static double micros(Map<String, String> fields, String key) {
            return Long.parseLong(fields.get(key)) / 1000.0;
        }

        public double throughput() {
            return (requests - non2xx) / seconds;
        }

        /** wrk's own CPU time per request sent: the generator's cost, to compare with the server's. */
        public double generatorCpuMsPerRequest() {
            return requests == 0 ? Double.NaN : generatorCpuMs / requests;
        }

        public String summary() {
            return String.format(
                    "%-26s %d requests (%d non-2xx, %d socket errors) in %.1f s: %.0f req/s, "
                            + "p50=%.2f ms p99=%.2f ms p99.9=%.2f ms max=%.1f ms%s; wrk cpu %.4f ms/request",
                    name,
                    requests,
                    non2xx,
                    socketErrors,
                    seconds,
                    throughput(),
                    p50Ms,
                    p99Ms,
                    p999Ms,
                    maxMs,
                    late > 0 ? " (" + late + " sent late)" : "",
                    generatorCpuMsPerRequest());
        }
    }
}
