package io.wxplatform.bench.sends;

import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
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
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code bench/run.sh sends [--quick]} (issue 14, point 9): customer-service sends through messaging-service (its REST
 * API: checked, stored ACCEPTED, then claimed, sent to the sandbox and marked SENT) across 1,000 accounts, against a
 * bare client (wrk) posting the same messages straight to the sandbox's {@code message/custom/send} in the same run;
 * then messaging-service killed ({@code kill -9}) in the middle of a burst of accepted sends and started again,
 * counting every accepted message at the sandbox. The mass-send step (one mass send to 100,000 followers, request to
 * the last MASSSENDJOBFINISH) is a step of its own, {@link #massSend}, not built yet: it reports {@code n/a}. Last
 * line: {@code sends cs_ratio=<x> mass_100k_s=<s|n/a> lost=<n> duplicated=<n>}.
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
            Duration lease) {

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
                            Duration.ofSeconds(20))
                    : new Settings(
                            1000,
                            30_000,
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(10),
                            300,
                            Duration.ofSeconds(20),
                            Duration.ofSeconds(8),
                            Duration.ofMinutes(2));
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
        // MONGODB_URI: a real MongoDB instead of the benchmark JVM's mongo-java-server (which implements few indexes).
        String mongo = System.getenv("MONGODB_URI") == null
                        || System.getenv("MONGODB_URI").isBlank()
                ? TestInfrastructure.mongoUri()
                : System.getenv("MONGODB_URI");
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
                        root)) {
            Map<String, String> messagingProperties = serviceProperties(kafka, mongo, sandbox.baseUrl(), internalToken);
            messagingProperties.put("wxplatform.token-service.url", tokenService.baseUrl());
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

                double ratio = customerServiceRatio(fleet, sandbox.baseUrl(), messaging);
                if (Boolean.getBoolean("bench.sends.jfr")) {
                    say("flight recording: " + messaging.dumpFlightRecording(logDir.resolve("messaging-service.jfr")));
                }
                Optional<Double> massSeconds = massSend();
                KillOutcome kill = new KillRestart(settings, fleet, messaging).run();
                say(String.format("load average at the end: %s", LoadAverage.now()));
                say(String.format(
                        Locale.ROOT,
                        "sends cs_ratio=%.2f mass_100k_s=%s lost=%d duplicated=%d",
                        ratio,
                        massSeconds
                                .map(s -> String.format(Locale.ROOT, "%.1f", s))
                                .orElse("n/a"),
                        kill.lost(),
                        kill.duplicated()));
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
    private double customerServiceRatio(Fleet fleet, String sandboxUrl, MessagingProcess messaging) throws Exception {
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
        Wrk.Result warm = wrk.runPosts(
                "sends warm-up platform",
                messaging.baseUrl(),
                fleet.platformRequests("w", 3_000),
                "application/json",
                admin,
                false,
                32,
                Duration.ofSeconds(8));
        messaging.awaitSentCount(warmOk + warm.requests() - warm.non2xx(), Duration.ofMinutes(2));

        double bareBefore = bare(wrk, fleet, sandboxUrl, "before");

        long okBefore = messaging.sentCount();
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

        double bareAfter = bare(wrk, fleet, sandboxUrl, "after");
        double baseline = Math.max(bareBefore, bareAfter);
        double ratio = platform / baseline;
        say(String.format(Locale.ROOT, "cs_ratio=%.2f (platform %.0f / bare %.0f sends/s)", ratio, platform, baseline));
        return ratio;
    }

    private double bare(Wrk wrk, Fleet fleet, String sandboxUrl, String when) {
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
        return result.throughput();
    }

    /**
     * One mass send to 100,000 followers, from the request to the last MASSSENDJOBFINISH: mass sends are being built
     * (messaging package {@code mass}); until then this step reports nothing rather than a made-up figure.
     */
    private Optional<Double> massSend() {
        say("mass send: not measured yet (mass sends are not built); mass_100k_s=n/a");
        return Optional.empty();
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
