package io.wxplatform.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One of the project's Spring Boot services running as its own JVM from its executable jar, the way the local
 * platform runs it. No process outlives the JVM that started it.
 */
public final class ServiceProcess implements AutoCloseable {

    /** platform-support's DevDefaults switch; the test kit sets it for every service it starts unless a spec does. */
    private static final String DEV_DEFAULTS = "wxplatform.dev-defaults";

    private static final long STOP_GRACE_SECONDS = 10;
    private static final Set<ServiceProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServiceProcess::stopAll, "service-process-stop"));
    }

    private final Spec spec;
    private final Process process;
    private final int port;
    private final ServiceLog log;

    private ServiceProcess(Spec spec, Process process, int port, ServiceLog log) {
        this.spec = spec;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(String module, Map<String, String> properties) {
        return start(Spec.of(module, properties));
    }

    public static ServiceProcess start(Spec spec) {
        return start(spec, ProjectRoot.find());
    }

    /** Starts the service and returns once it is healthy. */
    public static ServiceProcess start(Spec spec, Path root) {
        int port = resolvePort(spec);
        ProcessBuilder builder = processBuilder(spec, root, port);
        ServiceLog log = new ServiceLog(builder.redirectOutput().file().toPath());
        ServiceProcess service = new ServiceProcess(spec, launch(builder, spec), port, log);
        RUNNING.add(service);
        try {
            HealthWait.await(service.process, service.baseUrl(), spec.healthTimeout(), log);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw new ServiceStartException(spec.module() + " did not start: " + e.getMessage(), e);
        }
    }

    /** Starts services in parallel; if one fails, the others are stopped and the first failure is thrown. */
    public static List<ServiceProcess> startAll(List<Spec> specs) {
        return startAll(specs, ProjectRoot.find());
    }

    public static List<ServiceProcess> startAll(List<Spec> specs, Path root) {
        List<CompletableFuture<ServiceProcess>> starts = specs.stream()
                .map(spec -> CompletableFuture.supplyAsync(() -> start(spec, root)))
                .toList();
        List<ServiceProcess> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ServiceProcess> start : starts) {
            try {
                started.add(start.join());
            } catch (CompletionException e) {
                failure = failure == null ? unwrap(e) : failure;
            }
        }
        if (failure != null) {
            started.forEach(ServiceProcess::close);
            throw failure;
        }
        return List.copyOf(started);
    }

    /**
     * The process as it will be started: {@code java <jvmArgs> -jar <exec jar> --server.port=<port> --k=v…}, output
     * and errors redirected to {@code <logDir>/<module>-<port>.log}. Reusable by launchers that manage the process
     * themselves.
     */
    public static ProcessBuilder processBuilder(Spec spec, Path root, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmArgs());
        command.add("-jar");
        command.add(executableJar(root, spec.module()).toString());
        command.add("--server.port=" + port);
        spec.properties().forEach((key, value) -> {
            if (!key.equals("server.port")) {
                command.add("--" + key + "=" + value);
            }
        });
        if (!spec.properties().containsKey(DEV_DEFAULTS)) {
            // A test's service may use the public development values (platform-support's DevDefaults).
            command.add("--" + DEV_DEFAULTS + "=true");
        }
        Path logFile = logDir(spec, root).resolve(spec.name() + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve(spec.module()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(spec.env());
        return builder;
    }

    /** The newest {@code *-exec.jar} in {@code <root>/<module>/target}. */
    public static Path executableJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        List<Path> jars = List.of();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jars = files.filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jars.stream()
                .max(Comparator.comparing(ServiceProcess::modified))
                .orElseThrow(() -> new ServiceStartException("No executable jar (*-exec.jar) in " + target
                        + "; run ./mvnw -pl " + module + " package first"));
    }

    public static Path logDir(Spec spec, Path root) {
        Path dir = spec.logDir() != null
                ? spec.logDir()
                : root.resolve(spec.module()).resolve("target").resolve("process-logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create log directory " + dir, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return log.file();
    }

    public String module() {
        return spec.module();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's handle on the process, e.g. for its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Asks the service to stop (SIGTERM, so Spring shuts down gracefully), then kills it after 10 s. */
    @Override
    public void close() {
        RUNNING.remove(this);
        process.destroy();
        awaitExitOrKill(process);
    }

    private static void awaitExitOrKill(Process process) {
        try {
            process.onExit().get(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void stopAll() {
        List<ServiceProcess> running = List.copyOf(RUNNING);
        running.forEach(service -> service.process.destroy());
        running.forEach(service -> awaitExitOrKill(service.process));
    }

    private static int resolvePort(Spec spec) {
        if (spec.port() > 0) {
            return spec.port();
        }
        String configured = spec.properties().get("server.port");
        return configured != null ? Integer.parseInt(configured) : FreePort.pick();
    }

    private static Process launch(ProcessBuilder builder, Spec spec) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ServiceStartException("Cannot start " + spec.module() + ": " + e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException cause ? cause : e;
    }
}
