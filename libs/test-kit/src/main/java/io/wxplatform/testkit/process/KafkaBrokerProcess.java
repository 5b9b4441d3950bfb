package io.wxplatform.testkit.process;

import io.wxplatform.events.TopicLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node Kafka broker in KRaft mode in its own JVM, from Kafka's jars on the caller's classpath: the local
 * platform's Kafka (its log directory under the data folder, so topics and offsets survive restarts) and the broker a
 * benchmark's fault run stops and starts again on the same ports and log directory. The embedded broker of
 * {@link io.wxplatform.testkit.KafkaServer} lives and dies with its JVM; this one does not.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path config;
    private final Path logFile;
    private final List<String> jvmFlags;
    private final String bootstrapServers;
    private Process process;

    private KafkaBrokerProcess(Path config, Path logFile, List<String> jvmFlags, int port) {
        this.config = config;
        this.logFile = logFile;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.bootstrapServers = "127.0.0.1:" + port;
    }

    /**
     * Starts the broker on {@code dataDir}, formatting its log directory first if it is new, and returns once it
     * answers. {@code jvmFlags}: the broker JVM's heap and JIT flags. Its output is appended to {@code logFile}.
     */
    public static KafkaBrokerProcess start(
            Path dataDir, int port, int controllerPort, Path logFile, List<String> jvmFlags) {
        Path config = dataDir.resolve("server.properties");
        Path logDirs = dataDir.resolve("logs");
        writeConfig(config, logDirs, port, controllerPort);
        var broker = new KafkaBrokerProcess(config, logFile, jvmFlags, port);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            broker.format();
        }
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Starts the broker (again, after {@link #stop()}) on its ports and log directory; returns once it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka is running");
        }
        try {
            process = new ProcessBuilder(javaCommand("kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Creates the platform's topics if they are missing, laid out as on a cluster (partitions, retention). */
    public static void createTopics(String bootstrapServers, List<TopicLayout> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (TopicLayout layout : topics) {
                try {
                    var topic = new NewTopic(layout.name(), layout.partitions(), (short) 1).configs(layout.config());
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + layout.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topics in time", e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private void format() {
        List<String> command = javaCommand(
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", "" + config);
        try {
            Process formatting = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("formatting Kafka's storage failed; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private static void writeConfig(Path config, Path logDirs, int port, int controllerPort) {
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
        try {
            Files.createDirectories(config.getParent());
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "generated by wxplatform's KafkaBrokerProcess");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
