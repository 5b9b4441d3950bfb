package io.wxplatform.bench.callback;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.bench.bare.BareProcess;
import io.wxplatform.bench.wxjava.WxJavaProcess;
import io.wxplatform.bench.wxjava.WxJavaProcess.PeerAccount;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
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
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;

/**
 * Safe-mode "hello" callbacks per second, each answered with the same encrypted passive reply (one keyword rule), all
 * in one run on one machine: (c) a bare WebFlux endpoint (the floor: it reads the body and answers
 * {@code success}), (w) the WxJava peer (what a WxJava user writes), (a) callback-service straight, (b) through the
 * gateway; then p99 through the gateway at half of (b)'s maximum rate, and every event of (a) and (b) counted on
 * {@code wx.inbound.v1}. The load generator is wrk ({@link Wrk}), whose own CPU per request is reported beside each
 * process's. Figures are ratios against (c) and (w), never absolute pass marks.
 *
 * <p>This is a command-line driver: its main thread waits for each phase in turn, nothing else runs on it.
 */
public final class CallbackBenchmark {

    private static final String TOPIC = "wx.inbound.v1";
    private static final String RULES_TOPIC = "wx.reply-rules.v1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Settings settings;
    private final Set<String> answered = new HashSet<>();
    private final Set<String> issued = new HashSet<>();
    private Path root;
    private Path logDir;
    private Wrk wrk;
    private CpuMeter cpu;

    private CallbackBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new CallbackBenchmark(Settings.from(args)).run();
    }

    private void run() throws Exception {
        Wrk.requireInstalled();
        root = ProjectRoot.find();
        logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        wrk = new Wrk(root, settings.wrkThreads());
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores; logs in " + logDir + "; phases "
                + settings.warmup().toSeconds() + " s warm-up + "
                + settings.phase().toSeconds() + " s measured");

        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String mongo = TestInfrastructure.mongoUri();
        // As in production: the rules topic exists, so callback-service reads it once and is ready.
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
                spec(
                        "token-service",
                        tokenPort,
                        with(
                                with(infra, jwt),
                                Map.of(
                                        // No WeChat here: registration needs none, and no token is ever fetched by this
                                        // benchmark.
                                        "wxplatform.wechat.base-url", "http://127.0.0.1:9")),
                        logDir),
                spec(
                        "callback-service",
                        callbackPort,
                        with(infra, Map.of("wxplatform.token-service.url", tokenUrl)),
                        logDir),
                spec(
                        "gateway",
                        FreePort.pick(),
                        with(
                                jwt,
                                Map.of(
                                        "wxplatform.callback-service.url",
                                        "http://127.0.0.1:" + callbackPort,
                                        "wxplatform.token-service.url",
                                        tokenUrl,
                                        "wxplatform.messaging-service.url",
                                        "http://127.0.0.1:9",
                                        "wxplatform.user-service.url",
                                        "http://127.0.0.1:9")),
                        logDir));

        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < settings.accounts(); i++) {
            accounts.add(Account.generate(i));
        }
        long startedAt = System.nanoTime();
        try (BareProcess bare = BareProcess.start(FreePort.pick(), logDir);
                WxJavaProcess wxjava = WxJavaProcess.start(
                        FreePort.pick(),
                        accounts.stream()
                                .map(a -> new PeerAccount(
                                        a.appId(), a.appSecret(), a.callbackToken(), a.encodingAesKey()))
                                .toList(),
                        logDir)) {
            List<ServiceProcess> services = ServiceProcess.startAll(specs, root);
            try {
                bare.ready(START_TIMEOUT).block();
                wxjava.ready(START_TIMEOUT).block();
                say(String.format("processes ready in %.0f s", (System.nanoTime() - startedAt) / 1e9));
                Map<String, ProcessHandle> handles = new LinkedHashMap<>();
                handles.put("bench", ProcessHandle.current());
                handles.put("bare", bare.handle());
                handles.put("wxjava", wxjava.handle());
                services.forEach(service -> handles.put(service.module(), service.handle()));
                cpu = new CpuMeter(handles);
                measure(
                        accounts,
                        services.get(0).baseUrl(),
                        services.get(1).baseUrl(),
                        services.get(2).baseUrl(),
                        bare.baseUrl(),
                        wxjava.baseUrl(),
                        kafka);
            } finally {
                services.parallelStream().forEach(ServiceProcess::close);
            }
        }
    }

    private void measure(
            List<Account> accounts,
            String tokenUrl,
            String callbackUrl,
            String gatewayUrl,
            String bareUrl,
            String wxjavaUrl,
            String kafka) {
        String tenantId = "bench-" + Long.toHexString(System.currentTimeMillis());
        Tenants.register(tokenUrl, tenantId, accounts).block();
        ReplyRules.publish(kafka, tenantId, accounts);
        var callbacks = new Callbacks(accounts, settings.followers());
        // Every endpoint must give the passive reply (not a bare "success") before anything is measured.
        awaitPassiveReply("callback-service", callbackUrl, callbacks);
        awaitPassiveReply("wxjava", wxjavaUrl, callbacks);
        say(accounts.size() + " accounts registered with a \"" + ReplyRules.KEYWORD + "\" rule, " + settings.followers()
                + " followers each");

        // The bare endpoint may see a callback twice (it only reads it); WxJava's router drops a repeated MsgId and
        // callback-service publishes it again, so those get distinct callbacks only.
        Wrk.Result bare = maxThroughput("(c) bare endpoint", bareUrl, callbacks, Phase.REPEATS_ALLOWED);
        Wrk.Result wxjava = maxThroughput("(w) wxjava portal", wxjavaUrl, callbacks, Phase.DISTINCT);
        Wrk.Result direct = maxThroughput("(a) callback-service", callbackUrl, callbacks, Phase.COUNTED);
        Wrk.Result gateway = maxThroughput("(b) gateway", gatewayUrl, callbacks, Phase.COUNTED);

        double halfRate = Math.max(1, gateway.throughput() / 2);
        List<Callback> paced = callbacks.next((int) (halfRate * settings.phase().toSeconds() * 1.1) + 100);
        settle();
        CpuMeter.Reading before = cpu.read();
        Wrk.Result half = wrk.run(
                String.format("(b) at %.0f req/s", halfRate),
                gatewayUrl,
                paced,
                false,
                settings.pacedConnections(),
                settings.phase(),
                halfRate,
                true);
        judged(half);
        say(half.summary());
        say("    " + cpu.read().perRequestSince(before, (int) half.requests()));

        say("counting events on " + TOPIC + " ...");
        EventCount count = EventCount.read(kafka, TOPIC, answered, issued, settings.countPatience());
        say(String.format(
                "answered in measured phases: %d events (%d sent); on Kafka: %d records, %d distinct ids",
                answered.size(), issued.size(), count.records(), count.distinct()));
        if (count.lost() > 0) {
            say("lost, among others: " + count.someLost());
        }
        say(String.format(
                "callback direct_ratio=%.2f gateway_ratio=%.2f direct_vs_wxjava=%.2f gateway_vs_wxjava=%.2f"
                        + " gateway_vs_direct=%.2f p99_ms=%.1f lost=%d duplicated=%d",
                direct.throughput() / bare.throughput(),
                gateway.throughput() / bare.throughput(),
                direct.throughput() / wxjava.throughput(),
                gateway.throughput() / wxjava.throughput(),
                gateway.throughput() / direct.throughput(),
                half.p99Ms(),
                count.lost(),
                count.duplicated()));
    }

    /** How a maximum-throughput phase uses its callbacks. */
    private enum Phase {
        /** The endpoint may see a callback again: the measured phase cycles through a set, as the warm-up does. */
        REPEATS_ALLOWED,
        /** Each callback once. */
        DISTINCT,
        /** Each callback once, and every event answered must be on Kafka exactly once. */
        COUNTED
    }

    /**
     * A warm-up cycling through one set of callbacks, then one measured phase at each of {@code connections}; only
     * those are reported, and the fastest is the endpoint's maximum. A measured phase of distinct callbacks gets
     * {@code rate-margin} times the rate so far of them; should they run out (the endpoint got much faster after its
     * warm-up), the phase is run again with twice what it reached.
     */
    private Wrk.Result maxThroughput(String name, String baseUrl, Callbacks callbacks, Phase phase) {
        Wrk.Result warm = wrk.run(
                name + " warm-up",
                baseUrl,
                callbacks.next(settings.warmupCallbacks()),
                true,
                settings.connections().get(0),
                settings.warmup(),
                0);
        say(warm.summary());
        double expectedRate = warm.throughput();
        Wrk.Result best = null;
        int bestConnections = 0;
        for (int connections : settings.connections()) {
            String label = settings.connections().size() == 1 ? name : name + " x" + connections;
            Wrk.Result result = measured(label, baseUrl, callbacks, phase, connections, expectedRate);
            expectedRate = Math.max(expectedRate, result.throughput());
            if (best == null || result.throughput() > best.throughput()) {
                best = result;
                bestConnections = connections;
            }
        }
        if (settings.connections().size() > 1) {
            say(String.format(
                    "    %s: maximum %.0f req/s, at %d connections", name, best.throughput(), bestConnections));
        }
        return best;
    }

    private Wrk.Result measured(
            String name, String baseUrl, Callbacks callbacks, Phase phase, int connections, double expectedRate) {
        for (int attempt = 1; ; attempt++) {
            boolean repeats = phase == Phase.REPEATS_ALLOWED;
            List<Callback> measured =
                    callbacks.next(repeats ? settings.warmupCallbacks() : settings.callbacksFor(expectedRate));
            settle();
            CpuMeter.Reading before = cpu.read();
            Wrk.Result result =
                    wrk.run(name, baseUrl, measured, repeats, connections, settings.phase(), 0, phase == Phase.COUNTED);
            if (result.exhausted() > 0 && attempt < 3) {
                say(name + ": its " + measured.size() + " callbacks ran out; again with more");
                expectedRate = Math.max(
                                expectedRate,
                                result.requests() / (double) settings.phase().toSeconds())
                        * 2;
                continue;
            }
            if (result.exhausted() > 0) {
                throw new IllegalStateException(name + ": the callbacks ran out again; raise -Dbench.rate-margin");
            }
            if (phase == Phase.COUNTED) {
                judged(result);
            }
            say(result.summary());
            say("    " + cpu.read().perRequestSince(before, (int) result.requests()));
            return result;
        }
    }

    /** A phase whose events are counted on Kafka: every one answered 200 must be there, once. */
    private void judged(Wrk.Result result) {
        if (result.answered().size() != result.requests() - result.non2xx()) {
            say(String.format(
                    "    note: %d answers of 200 noted, wrk counted %d",
                    result.answered().size(), result.requests() - result.non2xx()));
        }
        answered.addAll(result.answered());
        issued.addAll(result.issued());
    }

    /** Sends one callback after another straight to {@code baseUrl} until one is answered with XML. */
    private static void awaitPassiveReply(String name, String baseUrl, Callbacks callbacks) {
        HttpClient client = HttpClient.create()
                .baseUrl(baseUrl)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8"));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String answer = "";
        while (System.nanoTime() < deadline) {
            Callback callback = callbacks.next(1).get(0);
            answer = client.post()
                    .uri(callback.path())
                    .send(ByteBufMono.fromString(Mono.just(callback.body())))
                    .responseSingle((response, body) -> body.asString()
                            .defaultIfEmpty("")
                            .map(text -> response.status().code() + " " + text))
                    .timeout(Duration.ofSeconds(10))
                    .onErrorResume(e -> Mono.just(e.toString()))
                    .block();
            if (answer != null && answer.startsWith("200 <xml")) {
                return;
            }
            Mono.delay(Duration.ofMillis(200)).block();
        }
        throw new IllegalStateException(name + " never gave the passive reply; last answer: " + answer);
    }

    /**
     * Collects this JVM's garbage before a measured phase. The phase's pre-built callbacks live through the whole
     * phase; left young, every young collection during the phase would copy them (pauses of 100-375 ms were seen in
     * the load generator and broker, and counted as latency of the platform).
     */
    private static void settle() {
        System.gc();
    }

    private static Spec spec(String module, int port, Map<String, String> properties, Path logDir) {
        return Spec.of(module, properties)
                .withPort(port)
                .withLogDir(logDir)
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
