package io.wxplatform.local;

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
 * A single-node Kafka broker in KRaft mode, run from Kafka's own jars as a separate process. Its log directory lives
 * under the data folder, so topics and offsets survive restarts like the MongoDB state does.
 */
final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final String bootstrapServers;

    private KafkaBroker(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaBroker start(Path dataDir, int port, int controllerPort, Path logFile) {
        Path logDirs = dataDir.resolve("logs");
        Path config = dataDir.resolve("server.properties");
        writeConfig(config, logDirs, port, controllerPort);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            runToCompletion(
                    javaCommand(
                            "kafka.tools.StorageTool",
                            "format",
                            "--ignore-formatted",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            config.toString()),
                    logFile);
        }
        try {
            Process process = new ProcessBuilder(javaCommand("kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            var broker = new KafkaBroker(process, "127.0.0.1:" + port);
            broker.awaitReady(Duration.ofSeconds(60), logFile);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the platform's topics if they are missing, laid out as on a cluster (partitions, retention). */
    static void createTopics(String bootstrapServers, List<TopicLayout> topics) {
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

    private void awaitReady(Duration timeout, Path logFile) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                // The broker is still starting; the loop is bounded by the deadline.
            }
        }
        throw new IllegalStateException("Kafka was not ready within " + timeout + "; see " + logFile);
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
                props.store(out, "generated by the wxplatform local runner");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void runToCompletion(List<String> command, Path logFile) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed; see " + logFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
