package io.wxplatform.bench.sends;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * messaging-service as the benchmark runs it: one process at a time on one port, which the kill run kills ({@code
 * kill -9}) and starts again; what it has sent (its attempt counter, {@code wx.messaging.send.attempts{result=OK}},
 * from its Prometheus scrape) and what it still has to send (ACCEPTED sends in its database).
 */
final class MessagingProcess implements AutoCloseable {

    private static final String OK_COUNTER = "wx_messaging_send_attempts_total";

    private final Spec spec;
    private final Path root;
    private final MongoClient mongo;
    private final String database;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServiceProcess process;

    MessagingProcess(Spec spec, Path root, String database, String mongoUri) {
        this.spec = spec;
        this.root = root;
        this.database = database;
        this.mongo = MongoClients.create(mongoUri);
        this.process = ServiceProcess.start(spec, root);
    }

    long pid() {
        return process.handle().pid();
    }

    String baseUrl() {
        return process.baseUrl();
    }

    /** Sends WeChat accepted since this process started. */
    long sentCount() throws Exception {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return scrape.body()
                .lines()
                .filter(line -> line.startsWith(OK_COUNTER) && line.contains("result=\"OK\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Waits until {@link #sentCount()} reaches {@code target}; returns {@link System#nanoTime()} when it did. */
    long awaitSentCount(long target, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long sent = sentCount();
            long now = System.nanoTime();
            if (sent >= target) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("messaging-service sent " + sent + " of " + target + " in " + within);
            }
            Thread.sleep(100); // a command-line driver polling a counter
        }
    }

    /** Sends stored ACCEPTED, not yet SENT or FAILED. */
    long acceptedLeft() {
        Long count = Mono.from(mongo.getDatabase(database)
                        .getCollection("outbound_messages")
                        .countDocuments(Filters.eq("status", "ACCEPTED")))
                .block(Duration.ofSeconds(30));
        return count == null ? 0 : count;
    }

    /** Sends stored with a status, for the kill run's report. */
    long withStatus(String status) {
        Long count = Mono.from(mongo.getDatabase(database)
                        .getCollection("outbound_messages")
                        .countDocuments(Filters.eq("status", status)))
                .block(Duration.ofSeconds(30));
        return count == null ? 0 : count;
    }

    /** Dumps the flight recording the process was started with ({@code -Dbench.sends.jfr=true}) to {@code file}. */
    Path dumpFlightRecording(Path file) throws Exception {
        Process jcmd = new ProcessBuilder(
                        "jcmd", Long.toString(process.handle().pid()), "JFR.dump", "name=sends", "filename=" + file)
                .redirectErrorStream(true)
                .start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor();
        return file;
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop. */
    void kill() {
        process.handle().destroyForcibly();
        process.handle().onExit().join();
    }

    /** The same service on the same port, against the same database. */
    void restart() {
        process = ServiceProcess.start(spec, root);
    }

    @Override
    public void close() {
        process.close();
        mongo.close();
    }
}
