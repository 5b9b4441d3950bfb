package io.wxplatform.bench.sends;

import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.bench.CpuTimes;
import io.wxplatform.bench.MongoProcess;
import io.wxplatform.bench.callback.Account;
import io.wxplatform.bench.callback.Callback;
import io.wxplatform.bench.callback.Wrk;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code bench/run.sh sends [--quick]} (issue 14, point 9): customer-service sends through messaging-service (its REST
 * API: checked, stored ACCEPTED, then claimed, sent to the sandbox and marked SENT) across 1,000 accounts, against a
 * bare client (wrk) posting the same messages straight to the sandbox's {@code message/custom/send} in the same run;
 * then messaging-service killed ({@code kill -9}) in the middle of a burst of accepted sends and started again,
 * counting every accepted message at the sandbox; and one mass send to 100,000 followers timed from the request to its
 * last MASSSENDJOBFINISH, then one during which messaging-service is killed ({@link MassRun}). Last line: {@code sends
 * cs_ratio=<x> mass_100k_s=<s> lost=<n> duplicated=<n>}, lost and duplicated counted per follower of the killed
 * mass job.
 */
public final class SendsBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String SECRET = "bench-app-secret-0123456789abcdef";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    /** Followers per account the throughput phases write to (each wrote once, so its 48-hour window is open). */
    private static final int FOLLOWERS = 2;

    private final Settings settings;
    private final Path root;
    private final Path logDir;

    private SendsBenchmark(Settings settings, Path root, Path logDir) {
        this.settings = settings;
        this.root = root;
        this.logDir = logDir;
    }

    /** Sizes of one run; {@code --quick} is a smoke run whose figures mean little. */
    record Settings(
            int accounts,
            int burst,
            Duration wrkDuration,
            Duration bareDuration,
            double killRate,
            Duration killSending,
            Duration killAfter,
            Duration lease,
            int massFollowers) {

        static Settings of(String[] args) {
            boolean quick = List.of(args).contains("--quick");
            return quick
                    ? new Settings(
                            1000,
                            6_000,
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(5),
                            200,
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(4),
                            Duration.ofSeconds(20),
                            50_000)
                    : new Settings(
                            1000,
                            30_000,
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(10),
                            300,
                            Duration.ofSeconds(20),
                            Duration.ofSeconds(8),
                            Duration.ofMinutes(2),
                            100_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        new SendsBenchmark(Settings.of(args), root, logDir).run();
    }

    private void run() throws Exception {
        Wrk.requireInstalled();
        say(String.format(
                "machine: %d cores, load average %s; %d accounts; logs in %s",
                Runtime.getRuntime().availableProcessors(), LoadAverage.now(), settings.accounts(), logDir));
        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        // The stand-in MongoDB in its own JVM, as a real one is its own process (MONGODB_URI names a real one).
        try (MongoProcess.Handle mongoHandle = MongoProcess.forBenchmark("3g", logDir)) {
            run(kafka, mongoHandle);
        }
    }

    private void run(String kafka, MongoProcess.Handle mongoHandle) throws Exception {
        String mongo = mongoHandle.uri();
        BenchTopics.createMissing(
                kafka,
                List.of(Topics.INBOUND, Topics.dlq(Topics.INBOUND), Topics.ACCOUNT, Topics.TOKEN, "wx.reply-rules.v1"),
                List.of(Topics.ACCOUNT, "wx.reply-rules.v1"));
        String internalToken = UUID.randomUUID().toString();
        String database = "wx_messaging_bench_" + UUID.randomUUID().toString().substring(0, 8);
        long startedAt = System.nanoTime();
        try (ServiceProcess sandbox = ServiceProcess.start(spec("sandbox", FreePort.pick(), Map.of()), root);
                ServiceProcess tokenService = ServiceProcess.start(
                        spec(
                                "token-service",
                                FreePort.pick(),
                                serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken)),
                        root);
                ServiceProcess callbackService = ServiceProcess.start(
                        spec(
                                "callback-service",
                                FreePort.pick(),
                                withTokenService(
                                        serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken),
                                        tokenService.baseUrl())),
                        root)) {
            Map<String, String> messagingProperties = serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken);
            withTokenService(messagingProperties, tokenService.baseUrl());
            messagingProperties.put("wxplatform.mongodb.database", database);
            // WeChat's 48-hour window stays; its allowance of 5 sends per follower message is lifted (as in the
            // sandbox's default) so that a burst needs no more followers than accounts.
            messagingProperties.put("wxplatform.messaging.window.sends-per-message", "0");
            messagingProperties.put(
                    "wxplatform.messaging.send.lease", settings.lease().toSeconds() + "s");
            messagingProperties.put("logging.level.io.wxplatform", "WARN");
            Spec messagingSpec = spec("messaging-service", FreePort.pick(), messagingProperties);
            if (Boolean.getBoolean("bench.sends.jfr")) {
                // -Dbench.sends.jfr=true: a flight recording of messaging-service, dumped after the throughput phase.
                List<String> flags = new ArrayList<>(messagingSpec.jvmArgs());
                flags.add("-XX:StartFlightRecording=name=sends,settings=profile");
                messagingSpec = messagingSpec.withJvmArgs(flags);
            }
            MessagingProcess messaging = new MessagingProcess(messagingSpec, root, database, mongo);
            try {
                say(String.format("processes ready in %.0f s", (System.nanoTime() - startedAt) / 1e9));
                Fleet fleet = Fleet.prepare(
                        settings.accounts(),
                        FOLLOWERS,
                        sandbox.baseUrl(),
                        tokenService.baseUrl(),
                        internalToken,
                        messaging.baseUrl());
                publishWindows(kafka, fleet);
                fleet.awaitWindowsKnown();
                say(String.format(
                        "%d accounts with %d followers each ready (sandbox, token-service, messaging-service, "
                                + "windows open) after %.0f s",
                        settings.accounts(), FOLLOWERS, (System.nanoTime() - startedAt) / 1e9));

                CpuTimes cpu = new CpuTimes()
                        .add("benchmark JVM (Kafka)", ProcessHandle.current().pid())
                        .add("sandbox", sandbox.handle().pid())
                        .add("token-service", tokenService.handle().pid())
                        .add("messaging-service", messaging.pid());
                if (mongoHandle.own() != null) {
                    cpu.add("mongo-java-server", mongoHandle.own().pid());
                }
                double ratio = customerServiceRatio(fleet, sandbox.baseUrl(), messaging, cpu);
                if (Boolean.getBoolean("bench.sends.jfr")) {
                    say("flight recording: " + messaging.dumpFlightRecording(logDir.resolve("messaging-service.jfr")));
                }
                MassRun mass = MassRun.prepare(
                        settings.massFollowers(), fleet, messaging, tokenService.baseUrl(), callbackService.baseUrl());
                double massSeconds = mass.timed();
                KillOutcome massKill = mass.killed(settings.lease());
                KillOutcome kill = new KillRestart(settings, fleet, messaging).run();
                say(String.format(
                        "customer-service kill run: lost=%d duplicated=%d (no WeChat dedupe field: an attempt the kill "
                                + "cut off is sent again once its lease expires)",
                        kill.lost(), kill.duplicated()));
                say(String.format("load average at the end: %s", LoadAverage.now()));
                say(String.format(
                        Locale.ROOT,
                        "sends cs_ratio=%.2f mass_%dk_s=%.1f lost=%d duplicated=%d",
                        ratio,
                        settings.massFollowers() / 1000,
                        massSeconds,
                        massKill.lost(),
                        massKill.duplicated()));
            } finally {
                messaging.close();
            }
        }
    }

    /**
     * Customer-service sends/s through messaging-service (a burst of {@code burst} REST sends with wrk; from its
     * start until the sandbox answered the last accepted one, counted by messaging-service's attempt counter) over
     * the bare client's sends/s (wrk posting the same messages to the sandbox; the faster of a run before and one
     * after).
     */
    private double customerServiceRatio(Fleet fleet, String sandboxUrl, MessagingProcess messaging, CpuTimes cpu)
            throws Exception {
        Wrk wrk = new Wrk(root, 2);
        String admin = "Bearer " + fleet.adminToken();
        // Warm-up: both paths, so the JIT has compiled them before anything is measured.
        wrk.runPosts(
                "sends warm-up bare",
                sandboxUrl,
                fleet.bareRequests("w", 5_000),
                "application/json",
                null,
                true,
                32,
                Duration.ofSeconds(5));
        long warmOk = messaging.sentCount();
        // As long as the measured burst, with half its sends: the JIT's compilations (C2 took more of
        // messaging-service's CPU than its own code in an 8 s warm-up) are behind the measurement.
        Wrk.Result warm = wrk.runPosts(
                "sends warm-up platform",
                messaging.baseUrl(),
                fleet.platformRequests("w", settings.burst() / 2),
                "application/json",
                admin,
                false,
                32,
                settings.wrkDuration());
        messaging.awaitSentCount(warmOk + warm.requests() - warm.non2xx(), Duration.ofMinutes(2));

        double bareBefore = bare(wrk, fleet, sandboxUrl, "before", cpu);

        long okBefore = messaging.sentCount();
        Map<String, Double> cpuBefore = cpu.now();
        List<Callback> burst = fleet.platformRequests("p", settings.burst());
        long t0 = System.nanoTime();
        Wrk.Result accepted = wrk.runPosts(
                "sends platform",
                messaging.baseUrl(),
                burst,
                "application/json",
                admin,
                false,
                64,
                settings.wrkDuration());
        long acceptedCount = accepted.requests() - accepted.non2xx();
        say(String.format(
                "messaging-service accepted %d of %d sends (%d refused, %d socket errors), p50=%.1f ms p99=%.1f ms; "
                        + "wrk cpu %.4f ms/request",
                acceptedCount,
                accepted.requests(),
                accepted.non2xx(),
                accepted.socketErrors(),
                accepted.p50Ms(),
                accepted.p99Ms(),
                accepted.generatorCpuMsPerRequest()));
        long lastSent = messaging.awaitSentCount(okBefore + acceptedCount, Duration.ofMinutes(10));
        double seconds = (lastSent - t0) / 1e9;
        double platform = acceptedCount / seconds;
        say(String.format(
                "messaging-service: %d sends accepted and sent to the sandbox in %.1f s = %.0f sends/s",
                acceptedCount, seconds, platform));
        say("  " + cpu.since(cpuBefore) + " (over " + acceptedCount + " sends)");

        double bareAfter = bare(wrk, fleet, sandboxUrl, "after", cpu);
        double baseline = Math.max(bareBefore, bareAfter);
        double ratio = platform / baseline;
        say(String.format(Locale.ROOT, "cs_ratio=%.2f (platform %.0f / bare %.0f sends/s)", ratio, platform, baseline));
        return ratio;
    }

    private double bare(Wrk wrk, Fleet fleet, String sandboxUrl, String when, CpuTimes cpu) {
        Map<String, Double> cpuBefore = cpu.now();
        Wrk.Result result = wrk.runPosts(
                "sends bare " + when,
                sandboxUrl,
                fleet.bareRequests("b", settings.burst()),
                "application/json",
                null,
                true,
                64,
                settings.bareDuration());
        fleet.checkBareAnswer(sandboxUrl);
        say(String.format("bare client (%s): %s", when, result.summary()));
        say("  " + cpu.since(cpuBefore) + " (over " + (result.requests() - result.non2xx()) + " sends)");
        return result.throughput();
    }

    /** Each follower writes once: in the sandbox (WeChat's window) and on wx.inbound.v1 (messaging-service's). */
    private static void publishWindows(String kafka, Fleet fleet) {
        long now = Instant.now().getEpochSecond();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaDefaults.producer(kafka))) {
            for (Account account : fleet.accounts()) {
                InboundEvents events = new InboundEvents(fleet.tenantId(), account.appId());
                for (String openId : fleet.followersOf(account)) {
                    producer.send(EventRecords.inbound(events.text(openId, now, "hello")));
                }
            }
            producer.flush();
        }
    }

    private Spec spec(String module, int port, Map<String, String> properties) {
        return Spec.of(module, properties)
                .withPort(port)
                .withLogDir(logDir)
                .withJvmArgs(BenchJvm.flags(module, logDir))
                .withHealthTimeout(START_TIMEOUT);
    }

    private static Map<String, String> serviceProperties(
            String kafka, String mongo, String sandboxUrl, String internalToken) {
        Map<String, String> properties = new LinkedHashMap<>(TestIssuer.shared().serviceProperties());
        properties.put("spring.kafka.bootstrap-servers", kafka);
        properties.put("wxplatform.mongodb.uri", mongo);
        properties.put("wxplatform.wechat.base-url", sandboxUrl);
        properties.put("wxplatform.internal.auth-token", internalToken);
        return properties;
    }

    private static Map<String, String> withTokenService(Map<String, String> properties, String tokenServiceUrl) {
        properties.put("wxplatform.token-service.url", tokenServiceUrl);
        return properties;
    }

    static String secret() {
        return SECRET;
    }

    static String aesKey() {
        return AES_KEY;
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
