package io.wxplatform.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.wxplatform.testkit.ModeSelection;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.process.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server (in memory) in its own JVM, from the benchmark's classpath, with its own heap and collector: the
 * stand-in MongoDB of a benchmark that writes a lot (the follower sync) then neither shares the benchmark JVM's heap
 * and GC pauses with the embedded Kafka and the baseline's client, nor runs out of it, as a real MongoDB is its own
 * process. Its GC log is {@code <logDir>/mongo-gc.log}, its output {@code <logDir>/mongo.log}.
 */
public final class MongoProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private MongoProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The MongoDB a benchmark writes to: {@code MONGODB_URI}, or the test kit's containers mode, names a real one;
     * otherwise mongo-java-server in its own JVM ({@code -Dbench.mongo-heap}, default {@code defaultHeap}), stopped
     * when the handle is closed.
     */
    public static Handle forBenchmark(String defaultHeap, Path logDir) throws IOException {
        String external = System.getenv("MONGODB_URI");
        if ((external == null || external.isBlank())
                && !"embedded"
                        .equals(System.getProperty(
                                ModeSelection.PROPERTY, System.getenv().getOrDefault(ModeSelection.ENV, "embedded")))) {
            external = TestInfrastructure.mongoUri();
        }
        if (external != null && !external.isBlank()) {
            return new Handle(external, null);
        }
        MongoProcess own = start(System.getProperty("bench.mongo-heap", defaultHeap), logDir);
        return new Handle(own.uri(), own);
    }

    /** A benchmark's MongoDB: its URI, and the stand-in's process when it is one ({@code own}, else null). */
    public record Handle(String uri, MongoProcess own) implements AutoCloseable {
        @Override
        public void close() {
            if (own != null) {
                own.close();
            }
        }
    }

    /** Starts the server with {@code heap} ({@code -Xmx}, e.g. {@code 4g}); returns once it accepts connections. */
    public static MongoProcess start(String heap, Path logDir) throws IOException {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-XX:+UseParallelGC",
                // What it holds lives until the run ends: promoted at its first collection instead of being copied
                // between survivor spaces (a million followers made young pauses of about a second).
                "-XX:MaxTenuringThreshold=0",
                "-Xms512m",
                "-Xmx" + heap,
                "-Xlog:gc:file=" + logDir.resolve("mongo-gc.log"),
                "-cp",
                System.getProperty("java.class.path"),
                MongoProcess.class.getName(),
                Integer.toString(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve("mongo.log").toFile()))
                .start();
        // A benchmark stopped with Ctrl-C or kill takes its stand-in along, as it does the services it started.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-mongo-java-server"));
        MongoProcess mongo = new MongoProcess(process, port);
        mongo.awaitReady(logDir);
        return mongo;
    }

    public long pid() {
        return process.pid();
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    private void awaitReady(Path logDir) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mongo-java-server exited with " + process.exitValue() + "; see "
                        + logDir.resolve("mongo.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS); // a command-line driver polling a port
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("mongo-java-server did not listen within " + READY_TIMEOUT);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The child JVM: serves on the given port until it is stopped. */
    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }));
        System.out.println("mongo-java-server listening on " + server.getLocalAddress());
        stopped.await();
    }
}
