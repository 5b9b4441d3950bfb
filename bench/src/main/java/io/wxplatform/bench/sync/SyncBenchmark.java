package io.wxplatform.bench.sync;

import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.bench.CpuTimes;
import io.wxplatform.bench.MongoProcess;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run.sh sync [--quick] [--followers=N]}: a full sync of one account with N followers in the sandbox
 * (1,000,000; {@code --quick} 50,000) through user-service (its sync job: user/get pages, batchget in hundreds, bulk
 * upserts into MongoDB), against {@link BarePaging} reading the same sandbox APIs in the same run (before and after
 * user-service; the faster of the two is the baseline). user-service's heap is scraped every second during its sync;
 * the peak is reported. Last line: {@code sync followers=<n> ratio=<x> heap_mb=<peak>}.
 */
public final class SyncBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "bench-app-secret-0123456789abcdef";
    private static final String APP_ID = "wxbe5c000000000001";
    /** user-service's default {@code batch-concurrency}; the baseline keeps as many batchgets in flight. */
    private static final int BATCH_CONCURRENCY = 4;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int followers = 1_000_000;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                followers = 50_000;
            } else if (arg.startsWith("--followers=")) {
                followers = Integer.parseInt(arg.substring("--followers=".length()));
            }
        }
        new SyncBenchmark().run(followers);
    }

    private void run(int followers) throws Exception {
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        say(String.format(
                "machine: %d cores; one account with %d followers; logs in %s",
                Runtime.getRuntime().availableProcessors(), followers, logDir));
        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        // The stand-in MongoDB in its own JVM (as a real MongoDB is its own process): in the benchmark JVM it shared
        // a heap and G1's pauses with the embedded Kafka and the baseline's client while user-service wrote to it.
        // MONGODB_URI, or the test kit's containers mode, names a real MongoDB.
        try (MongoProcess.Handle mongoHandle = MongoProcess.forBenchmark("4g", logDir)) {
            MongoProcess ownMongo = mongoHandle.own();
            String mongo = mongoHandle.uri();
            CpuTimes cpu = new CpuTimes()
                    .add(
                            "benchmark JVM (Kafka, bare client)",
                            ProcessHandle.current().pid());
            if (ownMongo != null) {
                cpu.add("mongo-java-server", ownMongo.pid());
            }
            run(root, logDir, kafka, mongo, followers, cpu);
        }
    }

    private void run(Path root, Path logDir, String kafka, String mongo, int followers, CpuTimes cpu) throws Exception {
        BenchTopics.createMissing(
                kafka,
                List.of("wx.inbound.v1", "wx.inbound.v1.dlq", "wx.account.v1", "wx.token.v1"),
                List.of("wx.account.v1"));
        String internalToken = UUID.randomUUID().toString();
        String database = "wx_user_bench_" + UUID.randomUUID().toString().substring(0, 8);

        long startedAt = System.nanoTime();
        // A million followers in the sandbox take more than the default 1 GB.
        List<String> sandboxJvm = new ArrayList<>(BenchJvm.flags("sandbox", logDir));
        sandboxJvm.replaceAll(flag -> flag.startsWith("-Xmx") ? "-Xmx3g" : flag);
        try (ServiceProcess sandbox = ServiceProcess.start(
                        Spec.of("sandbox", Map.of())
                                .withLogDir(logDir)
                                .withJvmArgs(sandboxJvm)
                                .withHealthTimeout(START_TIMEOUT),
                        root);
                ServiceProcess tokenService = ServiceProcess.start(
                        Spec.of("token-service", serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken))
                                .withLogDir(logDir)
                                .withJvmArgs(BenchJvm.flags("token-service", logDir))
                                .withHealthTimeout(START_TIMEOUT),
                        root)) {
            Map<String, String> userProperties = serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken);
            userProperties.put("wxplatform.token-service.url", tokenService.baseUrl());
            userProperties.put("wxplatform.mongodb.database", database);
            userProperties.put("wxplatform.user.sync.on-registration", "false");
            userProperties.put("wxplatform.user.sync.poll-interval", "200ms");
            userProperties.put("wxplatform.user.sync.batch-concurrency", Integer.toString(BATCH_CONCURRENCY));
            userProperties.put("logging.level.io.wxplatform.user", "WARN");
            // Where each page's time went (user/get, batchget, writes, cursor), in user-service's log.
            userProperties.put("logging.level.io.wxplatform.user.sync.SyncWorker", "DEBUG");
            try (ServiceProcess userService = ServiceProcess.start(
                    Spec.of("user-service", userProperties)
                            .withLogDir(logDir)
                            .withJvmArgs(BenchJvm.flags("user-service", logDir))
                            .withHealthTimeout(START_TIMEOUT),
                    root)) {
                say(String.format("processes ready in %.0f s", (System.nanoTime() - startedAt) / 1e9));
                cpu.add("sandbox", sandbox.handle().pid())
                        .add("token-service", tokenService.handle().pid())
                        .add("user-service", userService.handle().pid());
                measure(
                        followers,
                        sandbox.baseUrl(),
                        tokenService.baseUrl(),
                        userService.baseUrl(),
                        internalToken,
                        cpu);
            }
        }
    }

    private void measure(
            int followers, String sandboxUrl, String tokenUrl, String userUrl, String internalToken, CpuTimes cpu)
            throws Exception {
        String tenant = "bench-sync-" + UUID.randomUUID().toString().substring(0, 8);
        post(
                sandboxUrl + "/sandbox/accounts",
                null,
                Map.of("appId", APP_ID, "secret", SECRET, "name", "sync bench", "type", "SERVICE", "verified", true));
        long t = System.nanoTime();
        post(
                sandboxUrl + "/sandbox/accounts/" + APP_ID + "/followers/bulk",
                null,
                Map.of("count", followers, "openIdPrefix", "oBench"));
        say(String.format("%d followers generated in the sandbox in %.1f s", followers, since(t)));
        String operator = TestIssuer.shared().operator();
        String admin = TestIssuer.shared().mint(tenant, TestIssuer.TENANT_ADMIN);
        post(tokenUrl + "/api/v1/tenants", operator, Map.of("id", tenant, "name", "sync bench"));
        post(
                tokenUrl + "/api/v1/tenants/" + tenant + "/accounts",
                admin,
                Map.of(
                        "appId", APP_ID,
                        "name", "sync bench",
                        "type", "SERVICE",
                        "verified", true,
                        "appSecret", SECRET,
                        "callbackToken", "benchtoken",
                        "encodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
        String account = userUrl + "/api/v1/tenants/" + tenant + "/accounts/" + APP_ID;
        awaitStatus(account + "/followers?size=1", admin, 200, Duration.ofSeconds(60));
        String accessToken = internal(tokenUrl + "/internal/v1/accounts/" + APP_ID + "/access-token", internalToken)
                .path("accessToken")
                .asString();

        double bareBefore = bare(sandboxUrl, accessToken, followers, "before", cpu);

        Map<String, Double> cpuBefore = cpu.now();
        HeapSampler heap = new HeapSampler(http, userUrl);
        heap.start();
        post(account + "/sync", admin, null);
        JsonNode done = awaitDone(account + "/sync", admin, heap);
        heap.stop();
        long synced = done.path("synced").asLong();
        double seconds = Duration.between(
                                Instant.parse(done.path("startedAt").asString()),
                                Instant.parse(done.path("finishedAt").asString()))
                        .toMillis()
                / 1000.0;
        double platform = synced / seconds;
        say(String.format(
                "user-service: %d followers synced in %.1f s = %.0f followers/s (state %s); heap used peak %.0f MB, "
                        + "after its last GC %.0f MB",
                synced, seconds, platform, done.path("state").asString(), heap.peakMb(), heap.liveMb()));
        say("  " + cpu.since(cpuBefore) + "; load average " + loadAverage());
        if (synced != followers) {
            say("user-service synced " + synced + " of " + followers + " followers");
        }

        double bareAfter = bare(sandboxUrl, accessToken, followers, "after", cpu);
        double baseline = Math.max(bareBefore, bareAfter);
        say(String.format(
                Locale.ROOT, "sync followers=%d ratio=%.2f heap_mb=%.0f", synced, platform / baseline, heap.peakMb()));
    }

    private double bare(String sandboxUrl, String accessToken, int followers, String when, CpuTimes cpu)
            throws Exception {
        Map<String, Double> cpuBefore = cpu.now();
        long t = System.nanoTime();
        long read = new BarePaging(sandboxUrl, accessToken, BATCH_CONCURRENCY).readAll();
        double seconds = since(t);
        say(String.format(
                "bare JDK client (%s): %d followers read in %.1f s = %.0f followers/s",
                when, read, seconds, read / seconds));
        say("  " + cpu.since(cpuBefore) + "; load average " + loadAverage());
        if (read != followers) {
            throw new IllegalStateException("the bare client read " + read + " of " + followers);
        }
        return read / seconds;
    }

    private JsonNode awaitDone(String uri, String bearer, HeapSampler heap) throws Exception {
        long lastSaid = 0;
        while (true) {
            JsonNode job = JSON.readTree(send(HttpRequest.newBuilder(URI.create(uri))
                            .header("Authorization", "Bearer " + bearer)
                            .build())
                    .body());
            String state = job.path("state").asString();
            if (!"RUNNING".equals(state)) {
                return job;
            }
            long synced = job.path("synced").asLong();
            if (System.nanoTime() - lastSaid > 10_000_000_000L) {
                say(String.format(
                        "  synced %d of %d, heap used now %.0f MB (peak %.0f MB)",
                        synced, job.path("total").asLong(), heap.currentMb(), heap.peakMb()));
                lastSaid = System.nanoTime();
            }
            Thread.sleep(500); // a command-line driver polling progress, not a test waiting
        }
    }

    private void awaitStatus(String uri, String bearer, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (send(HttpRequest.newBuilder(URI.create(uri))
                                    .header("Authorization", "Bearer " + bearer)
                                    .build())
                            .statusCode()
                    == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(uri + " did not answer " + status + " within " + within);
    }

    private JsonNode internal(String uri, String internalToken) throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + internalToken)
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void post(String uri, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .POST(
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    uri + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> serviceProperties(
            String kafka, String mongo, String sandboxUrl, String internalToken) {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("wxplatform.mongodb.uri", mongo);
        properties.put("wxplatform.wechat.base-url", sandboxUrl);
        properties.put("wxplatform.internal.auth-token", internalToken);
        return properties;
    }

    /** The machine's 1-minute load average: other work on the machine shows in it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static double since(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
