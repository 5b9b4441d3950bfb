package io.wxplatform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker in its own JVM, from Kafka's jars on the benchmark's classpath, that a fault run can
 * stop and start again on the same ports and log directory (the embedded broker of the test kit lives and dies with
 * the benchmark JVM). The same way deploy/local's {@code KafkaBroker} runs Kafka; that class is the local runner's
 * and not a dependency of {@code bench}.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path config;
    private final Path logFile;
    private final String bootstrapServers;
    private Process process;

    private KafkaProcess(Path config, Path logFile, int port) {
        this.config = config;
        this.logFile = logFile;
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /** Formats a fresh log directory under {@code dataDir} and starts the broker; returns once it answers. */
    public static KafkaProcess start(Path dataDir, int port, int controllerPort, Path logFile) throws IOException {
        Path logDirs = dataDir.resolve("logs");
        Path config = dataDir.resolve("server.properties");
        writeConfig(config, logDirs, port, controllerPort);
        run(
                javaCommand(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString()),
                logFile);
        var kafka = new KafkaProcess(config, logFile, port);
        kafka.start();
        return kafka;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Starts the broker again on its ports and log directory (after {@link #stop()}); returns once it answers. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka is running");
        }
        process = new ProcessBuilder(javaCommand("kafka.Kafka", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        awaitReady();
    }

    /** Stops the broker as an operator does (SIGTERM, a controlled shutdown) and waits until the process is gone. */
    public synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> admin = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Admin client = Admin.create(admin)) {
                client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                // Still starting; the loop is bounded by the deadline.
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + READY_TIMEOUT + "; see " + logFile);
    }

    private static void writeConfig(Path config, Path logDirs, int port, int controllerPort) throws IOException {
        var props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDirs.toString());
        props.setProperty("num.partitions", "3");
        // One broker: internal topics cannot be replicated.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        Files.createDirectories(config.getParent());
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "generated by the benchmark's fault run");
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void run(List<String> command, Path logFile) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("formatting Kafka's storage failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
