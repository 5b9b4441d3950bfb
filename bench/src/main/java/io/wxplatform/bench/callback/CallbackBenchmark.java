package io.wxplatform.bench.callback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.bench.bare.BareProcess;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;

/**
 * Safe-mode text callbacks per second and latency: (a) straight to callback-service, (b) through the gateway, (c) a
 * bare WebFlux endpoint, all in one run on one machine; then p99 through the gateway at half of (b)'s maximum rate,
 * and every event counted on {@code wx.inbound.v1}. Figures are ratios against (c), never absolute pass marks.
 *
 * <p>This is a command-line driver: its main thread waits for each phase in turn, nothing else runs on it.
 */
public final class CallbackBenchmark {

    private static final String TOPIC = "wx.inbound.v1";
    private static final String RULES_TOPIC = "wx.reply-rules.v1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Settings settings;
    private final List<PhaseResult> results = new ArrayList<>();
    private final Set<String> durable = new HashSet<>();
    private CpuMeter cpu;

    private CallbackBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new CallbackBenchmark(Settings.fromSystemProperties()).run();
    }

    private void run() throws Exception {
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores; logs in " + logDir);

        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String mongo = TestInfrastructure.mongoUri();
        // As in production: the (empty) rules topic exists, so callback-service reads it once and is ready.
        BenchTopics.createMissing(kafka, List.of(TOPIC, RULES_TOPIC), List.of(RULES_TOPIC));
        say("kafka " + kafka + ", mongodb " + mongo);

        int tokenPort = FreePort.pick();
        int callbackPort = FreePort.pick();
        String internalToken = UUID.randomUUID().toString();
        String tokenUrl = "http://127.0.0.1:" + tokenPort;
        Map<String, String> infra = Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "wxplatform.mongodb.uri", mongo,
                "wxplatform.internal.auth-token", internalToken);
        // The admin API (registration) and the gateway trust an in-process JWT issuer, as in the tests.
        Map<String, String> jwt = TestIssuer.shared().serviceProperties();
        List<Spec> specs = List.of(
                spec("token-service", tokenPort, with(with(infra, jwt), Map.of(
                        // No WeChat here: registration needs none, and no token is ever fetched by this benchmark.
                        "wxplatform.wechat.base-url", "http://127.0.0.1:9")), logDir),
                spec("callback-service", callbackPort, with(infra, Map.of("wxplatform.token-service.url", tokenUrl)),
                        logDir),
                spec("gateway", FreePort.pick(), with(jwt, Map.of(
                        "wxplatform.callback-service.url", "http://127.0.0.1:" + callbackPort,
                        "wxplatform.token-service.url", tokenUrl,
                        "wxplatform.messaging-service.url", "http://127.0.0.1:9",
                        "wxplatform.user-service.url", "http://127.0.0.1:9")), logDir));

        long startedAt = System.nanoTime();
        try (BareProcess bare = BareProcess.start(FreePort.pick(), logDir)) {
            List<ServiceProcess> services = ServiceProcess.startAll(specs, root);
            try {
                bare.ready(START_TIMEOUT).block();
                say(String.format("processes ready in %.0f s", (System.nanoTime() - startedAt) / 1e9));
                Map<String, ProcessHandle> handles = new LinkedHashMap<>();
                handles.put("bench", ProcessHandle.current());
                handles.put("bare", bare.handle());
                services.forEach(service -> handles.put(service.module(), service.handle()));
                cpu = new CpuMeter(handles);
                measure(services.get(0).baseUrl(), services.get(1).baseUrl(), services.get(2).baseUrl(),
                        bare.baseUrl(), kafka);
            } finally {
                services.parallelStream().forEach(ServiceProcess::close);
            }
        }
    }

    private void measure(String tokenUrl, String callbackUrl, String gatewayUrl, String bareUrl, String kafka) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < settings.accounts(); i++) {
            accounts.add(Account.generate(i));
        }
        Tenants.register(tokenUrl, "bench-" + Long.toHexString(System.currentTimeMillis()), accounts).block();
        say(accounts.size() + " accounts registered, " + settings.followers() + " followers each");
        var callbacks = new Callbacks(accounts, settings.followers());

        PhaseResult c = maxThroughput("(c) bare endpoint", bareUrl, callbacks);
        PhaseResult a = maxThroughput("(a) callback-service", callbackUrl, callbacks);
        PhaseResult b = maxThroughput("(b) gateway", gatewayUrl, callbacks);

        double halfRate = Math.max(1, b.throughput() / 2);
        List<Callback> paced = callbacks.next((int) (halfRate * settings.phase().toSeconds()) + 1);
        settle();
        PhaseResult half;
        try (var load = new LoadGenerator(gatewayUrl, settings.maxInFlight())) {
            CpuMeter.Reading before = cpu.read();
            half = record(load.openLoop(String.format("(b) at %.0f req/s", halfRate), paced, halfRate,
                    settings.phase(), settings.maxInFlight()).block(), true);
            say("    " + cpu.read().perRequestSince(before, half.ok()));
        }

        say("counting events on " + TOPIC + " ...");
        EventCount count = EventCount.read(kafka, TOPIC, durable, settings.countPatience());
        say(String.format("answered success: %d distinct events; on Kafka: %d records, %d distinct ids",
                durable.size(), count.records(), count.distinct()));
        say(String.format("callback direct_ratio=%.2f gateway_ratio=%.2f p99_ms=%.1f lost=%d duplicated=%d",
                a.throughput() / c.throughput(), b.throughput() / c.throughput(),
                half.latencies().percentileMillis(99), count.lost(), count.duplicated()));
    }

    /** A warm-up, then {@code concurrency} requests in flight for one phase; only the latter is reported. */
    private PhaseResult maxThroughput(String name, String baseUrl, Callbacks callbacks) {
        try (var load = new LoadGenerator(baseUrl, settings.concurrency())) {
            record(load.closedLoop(name + " warm-up", callbacks.next(settings.warmupCallbacks()),
                    settings.concurrency(), settings.warmup()).block(), false);
            List<Callback> measured = callbacks.next(settings.phaseCallbacks());
            settle();
            CpuMeter.Reading before = cpu.read();
            PhaseResult result = record(load.closedLoop(name, measured, settings.concurrency(), settings.phase())
                    .block(), true);
            say("    " + cpu.read().perRequestSince(before, result.ok()));
            return result;
        }
    }

    /**
     * Collects this JVM's garbage before a measured phase. The phase's pre-built callbacks live through the whole
     * phase; left young, every young collection during the phase would copy them (pauses of 100-375 ms were seen in
     * the load generator and broker, and counted as latency of the platform).
     */
    private static void settle() {
        System.gc();
    }

    private PhaseResult record(PhaseResult result, boolean report) {
        if (!result.name().startsWith("(c)")) {
            durable.addAll(result.okIds());
        }
        if (report) {
            results.add(result);
        }
        say(result.summary());
        return result;
    }

    private static Spec spec(String module, int port, Map<String, String> properties, Path logDir) {
        return Spec.of(module, properties).withPort(port).withLogDir(logDir)
                .withJvmArgs(BenchJvm.flags(module, logDir))
                .withHealthTimeout(START_TIMEOUT);
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> extra) {
        var merged = new java.util.LinkedHashMap<>(base);
        merged.putAll(extra);
        return merged;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
