package io.wxplatform.bench.tokens;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.bench.bare.BareProcess;
import io.wxplatform.bench.callback.Wrk;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One token-service keeping a fleet of accounts fresh against the sandbox with shortened token lifetimes: sustained
 * refreshes per second (rotation notices on {@code wx.token.v1}), tokens handed out already expired (continuous
 * sampling of the internal API), WeChat token calls per token lifetime (the sandbox's api-call log of sampled
 * accounts against the versions they advanced), token-service CPU and heap (its Prometheus scrape), and token API
 * lookups per second and p99 against the bare endpoint, measured in the same run.
 *
 * <p>A command-line driver: its main thread waits for each phase in turn.
 */
public final class TokenBenchmark {

    private static final String TOKEN_TOPIC = "wx.token.v1";
    /** One database per fleet size, so that a sweep's fleets do not meet. */
    private static final String DATABASE = "wx_token";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final int CALL_SAMPLE = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenSettings settings;
    private final String database;

    private TokenBenchmark(TokenSettings settings) {
        this.settings = settings;
        this.database = DATABASE + "_" + settings.accounts();
    }

    /**
     * What one fleet showed. {@code held}: no token handed out expired and no refresh overdue at the end; the largest
     * fleet held is the headline.
     */
    record FleetResult(
            int accounts,
            double refreshesPerSecond,
            long expiredServed,
            long overdue,
            double callsPerLifetime,
            double cpuMsPerRefresh,
            double heapMb,
            double lookupRatio,
            double lookupP99Ms,
            String faultLine) {

        boolean held() {
            return expiredServed == 0 && overdue == 0;
        }

        String line(String prefix) {
            return String.format(
                    "%s accounts=%d refreshes_per_s=%.1f expired_served=%d calls_per_lifetime=%.2f "
                            + "cpu_ms_per_refresh=%.2f lookup_ratio=%.2f lookup_p99_ms=%.2f",
                    prefix,
                    accounts,
                    refreshesPerSecond,
                    expiredServed,
                    callsPerLifetime,
                    cpuMsPerRefresh,
                    lookupRatio,
                    lookupP99Ms);
        }
    }

    public static void main(String[] args) throws Exception {
        TokenSettings settings = TokenSettings.parse(args);
        List<FleetResult> results = new ArrayList<>();
        for (int fleet : TokenSettings.fleets(args)) {
            FleetResult result = new TokenBenchmark(settings.withAccounts(fleet)).run();
            results.add(result);
            say(result.line("fleet")
                    + String.format(
                            " overdue=%d heap_mb=%.0f held=%s", result.overdue(), result.heapMb(), result.held()));
        }
        FleetResult headline = results.stream()
                .filter(FleetResult::held)
                .max(Comparator.comparingInt(FleetResult::accounts))
                .orElse(results.get(0));
        if (results.size() > 1) {
            // A fleet's CPU per refresh includes a fixed cost (the sampler's lookups, polling, scrapes) that small
            // fleets spread over few refreshes; the slope between the smallest and largest fleet leaves it out.
            FleetResult small = results.get(0);
            FleetResult large = results.get(results.size() - 1);
            double slope = (large.cpuMsPerRefresh() * large.refreshesPerSecond()
                            - small.cpuMsPerRefresh() * small.refreshesPerSecond())
                    / (large.refreshesPerSecond() - small.refreshesPerSecond());
            say(String.format(
                    "marginal cpu ms per refresh, fleet %d to %d: %.2f", small.accounts(), large.accounts(), slope));
        }
        if (!headline.held()) {
            say("no fleet was held (a token handed out expired or a refresh overdue): the first is reported");
        }
        say(headline.line("tokens"));
        // The fault run's verdict is its last line (one per fleet).
        results.stream()
                .map(FleetResult::faultLine)
                .filter(line -> line != null)
                .forEach(TokenBenchmark::say);
    }

    private FleetResult run() throws Exception {
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        say(String.format(
                "machine: %d cores; %d accounts, %d s tokens (refresh margin %d s, jitter %d s, serve "
                        + "margin %d s); logs in %s",
                Runtime.getRuntime().availableProcessors(),
                settings.accounts(),
                settings.lifetime().toSeconds(),
                settings.refreshMargin().toSeconds(),
                settings.refreshJitter().toSeconds(),
                settings.serveMargin().toSeconds(),
                logDir));

        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        // An operator's proof on real infrastructure: MONGODB_URI names a real MongoDB (mongo-java-server scans for
        // any filter but _id, so it cannot stand in for MongoDB at 100,000 accounts).
        String operatorMongo = System.getenv("MONGODB_URI");
        String mongo = operatorMongo == null || operatorMongo.isBlank() ? TestInfrastructure.mongoUri() : operatorMongo;
        say("mongodb: " + (mongo.equals(operatorMongo) ? "MONGODB_URI (the operator's)" : "in-process"));
        BenchTopics.createMissing(kafka, List.of(TOKEN_TOPIC, "wx.account.v1"), List.of());
        String internalToken = UUID.randomUUID().toString();
        List<String> bigHeap = BenchJvm.FLAGS;
        // BenchJvm.flags: GC log and BENCH_JVM_EXTRA (e.g. a flight recording) per fleet's process.
        List<String> tokenServiceJvm = BenchJvm.flags("token-service-" + settings.accounts(), logDir);

        long startedAt = System.nanoTime();
        ServiceProcess sandbox = ServiceProcess.start(
                Spec.of(
                                "sandbox",
                                Map.of(
                                        "sandbox.token.lifetime",
                                                settings.lifetime().toSeconds() + "s",
                                        "sandbox.token.stable-refresh-ahead",
                                                settings.stableRefreshAhead().toSeconds() + "s"))
                        .withLogDir(logDir)
                        .withJvmArgs(bigHeap)
                        .withHealthTimeout(START_TIMEOUT),
                root);
        Map<String, String> tokenProperties = new HashMap<>(TestIssuer.shared().serviceProperties());
        tokenProperties.putAll(Map.ofEntries(
                Map.entry("spring.kafka.bootstrap-servers", kafka),
                Map.entry("wxplatform.mongodb.uri", mongo),
                Map.entry("wxplatform.mongodb.database", database),
                Map.entry("wxplatform.internal.auth-token", internalToken),
                Map.entry("wxplatform.wechat.base-url", sandbox.baseUrl()),
                Map.entry(
                        "wxplatform.credentials.refresh-margin",
                        settings.refreshMargin().toSeconds() + "s"),
                Map.entry(
                        "wxplatform.credentials.refresh-jitter",
                        settings.refreshJitter().toSeconds() + "s"),
                Map.entry(
                        "wxplatform.credentials.serve-margin",
                        settings.serveMargin().toSeconds() + "s"),
                // The fleet needs accounts / refresh interval calls per second; leave the limits well above it.
                Map.entry("wxplatform.credentials.rate-per-second", "5000"),
                Map.entry("wxplatform.credentials.platform-rate-limit", "5000"),
                // Refreshes wait on WeChat (the sandbox) far more than they compute: enough in flight to cover the
                // fleet's rate at a loaded machine's latency, and a claim batch of a few seconds' worth.
                Map.entry("wxplatform.credentials.concurrency", "256"),
                Map.entry("wxplatform.credentials.claim-batch", "1024"),
                Map.entry("logging.level.io.wxplatform.token", "WARN")));
        ServiceProcess tokenService = ServiceProcess.start(
                Spec.of("token-service", tokenProperties)
                        .withLogDir(logDir)
                        .withJvmArgs(tokenServiceJvm)
                        .withHealthTimeout(START_TIMEOUT),
                root);
        // Fault run: a second instance shares the fleet (leases in MongoDB) and is killed mid-refresh.
        ServiceProcess victim = settings.killOne()
                ? ServiceProcess.start(
                        Spec.of("token-service", tokenProperties)
                                .withLogDir(logDir)
                                .withJvmArgs(bigHeap)
                                .withHealthTimeout(START_TIMEOUT),
                        root)
                : null;
        try (BareProcess bare = BareProcess.start(FreePort.pick(), logDir)) {
            bare.ready(START_TIMEOUT).block();
            say(String.format("processes ready in %.0f s", (System.nanoTime() - startedAt) / 1e9));
            return measure(
                    sandbox.baseUrl(),
                    tokenService.baseUrl(),
                    bare.baseUrl(),
                    internalToken,
                    kafka,
                    MongoClients.create(mongo).getDatabase(database).getCollection("credentials"),
                    tokenService.handle(),
                    victim);
        } finally {
            if (victim != null) {
                victim.close();
            }
            tokenService.close();
            sandbox.close();
        }
    }

    private FleetResult measure(
            String sandboxUrl,
            String tokenUrl,
            String bareUrl,
            String internalToken,
            String kafka,
            MongoCollection<Document> credentials,
            ProcessHandle tokenService,
            ServiceProcess victim)
            throws Exception {
        Fleet fleet = new Fleet(settings.accounts());
        long t = System.nanoTime();
        fleet.createInSandbox(sandboxUrl, settings.concurrency()).block();
        say(String.format("%d accounts created in the sandbox in %.1f s", settings.accounts(), since(t)));
        t = System.nanoTime();
        Duration cpuBeforeRegistration = tokenService.info().totalCpuDuration().orElse(Duration.ZERO);
        fleet.register(tokenUrl, TestIssuer.shared().operator(), settings.concurrency() * 2)
                .block();
        // Registration is bounded by token-service's CPU (and, at large fleets, mongo-java-server's scans): say which.
        Duration registrationCpu =
                tokenService.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBeforeRegistration);
        say(String.format(
                "%d accounts registered through token-service's REST API in %.1f s (%.0f/s, %d in flight); "
                        + "token-service CPU %.2f ms per registration",
                settings.accounts(),
                since(t),
                settings.accounts() / since(t),
                settings.concurrency() * 2,
                registrationCpu.toNanos() / 1e6 / settings.accounts()));
        t = System.nanoTime();
        Duration spread = settings.refreshInterval();
        fleet.firstTokens(tokenUrl, internalToken, spread).block();
        say(String.format("first tokens fetched, paced over %d s, in %.1f s", spread.toSeconds(), since(t)));

        List<String> sample = new ArrayList<>(fleet.appIds);
        Collections.shuffle(sample);
        sample = sample.subList(0, Math.min(CALL_SAMPLE, sample.size()));
        Duration steady = settings.lifetime().multipliedBy(settings.lifetimes());
        say("steady state for " + steady.toSeconds() + " s ...");

        Map<String, Long> versionsBefore = versions(credentials, sample);
        long offsetsBefore = endOffsets(kafka);
        Instant steadyStart = Instant.now();
        Metrics metrics = new Metrics(tokenUrl);
        Duration cpuBefore = tokenService.info().totalCpuDuration().orElse(Duration.ZERO);
        if (victim != null) {
            // Halfway through: with refreshes due every few tenths of a second, the victim is mid-refresh.
            Mono.delay(steady.dividedBy(2)).subscribe(tick -> {
                victim.handle().destroyForcibly();
                say("fault: the second token-service killed (SIGKILL) "
                        + steady.dividedBy(2).toSeconds() + " s into the steady state");
                int revoked = Integer.getInteger("bench.revoke-tokens", 0);
                if (revoked > 0) {
                    revokeAtWeChat(sandboxUrl, fleet.appIds.subList(0, Math.min(revoked, fleet.appIds.size())))
                            .subscribe();
                }
            });
        }
        long sampled;
        long expiredSteady;
        // Fault run: callers use every token at WeChat, and also ask the instance that is killed until it dies.
        WeChatCheck wechat = victim == null ? null : new WeChatCheck(sandboxUrl);
        try (Lookups sampler = new Lookups(tokenUrl, internalToken, fleet.appIds, 32);
                Lookups victimSampler =
                        victim == null ? null : new Lookups(victim.baseUrl(), internalToken, fleet.appIds, 32)) {
            Mono<Long> victimLookups = Mono.just(0L);
            if (victim != null) {
                sampler.usingTokensAt(wechat);
                victimLookups = victimSampler.usingTokensAt(wechat).paced(50, steady);
            }
            var counted = Mono.zip(
                            sampler.paced(100, steady),
                            victimLookups,
                            metrics.poll(steady).thenReturn(true))
                    .block();
            sampled = counted.getT1() + counted.getT2();
            expiredSteady = sampler.expired.get();
            if (sampler.failed.get() > 0) {
                say("steady-state lookups failed: " + sampler.failed.get());
            }
            if (victim != null) {
                expiredSteady += victimSampler.expired.get();
                say(String.format(
                        "lookups answered by the instance killed: %d (%d failed: it was dead from halfway on)",
                        counted.getT2(), victimSampler.failed.get()));
            }
        }
        Instant steadyEnd = Instant.now();
        Duration cpuUsed =
                tokenService.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore);
        double seconds = Duration.between(steadyStart, steadyEnd).toMillis() / 1000.0;
        long rotations = endOffsets(kafka) - offsetsBefore;
        Map<String, Long> versionsAfter = versions(credentials, sample);
        long calls = stableTokenCalls(sandboxUrl, sample, steadyStart, steadyEnd);
        long advanced = sample.stream()
                .mapToLong(a -> versionsAfter.get(a) - versionsBefore.get(a))
                .sum();
        long overdue = overdue(credentials);
        double refreshesPerSecond = rotations / seconds;
        double callsPerLifetime = advanced == 0 ? Double.NaN : (double) calls / advanced;
        say(String.format(
                "steady state: %d refreshes in %.0f s = %.1f/s (fleet needs %.1f/s); %d sampled "
                        + "lookups, %d expired; sampled accounts: %d WeChat token calls for %d new tokens; "
                        + "credentials overdue at the end: %d",
                rotations,
                seconds,
                refreshesPerSecond,
                settings.accounts() / (double) settings.refreshInterval().toSeconds(),
                sampled,
                expiredSteady,
                calls,
                advanced,
                overdue));
        String faultLine = null;
        if (victim != null) {
            long[] again = wechat.presentAgain();
            wechat.close();
            long errors40001 = wechat.invalid.get() + again[0];
            say(String.format(
                    "tokens used at WeChat right after each lookup: %d (%d distinct): 40001 %d, 42001 %d, other"
                            + " errors %d, unreachable %d; presented again at the end while still inside their"
                            + " lifetime: %d, 40001 %d",
                    wechat.presented.get(),
                    wechat.distinct(),
                    wechat.invalid.get(),
                    wechat.expired.get(),
                    wechat.otherErrors.get(),
                    wechat.unreachable.get(),
                    again[1],
                    again[0]));
            boolean passed = expiredSteady == 0
                    && errors40001 == 0
                    && wechat.expired.get() == 0
                    && overdue == 0
                    && wechat.presented.get() > 0;
            faultLine = String.format(
                    "fault token_kill accounts=%d expired_served=%d errors_40001=%d errors_42001=%d overdue=%d"
                            + " calls_per_lifetime=%.2f refreshes_per_s=%.1f passed=%s",
                    settings.accounts(),
                    expiredSteady,
                    errors40001,
                    wechat.expired.get(),
                    overdue,
                    callsPerLifetime,
                    refreshesPerSecond,
                    passed ? "yes" : "no");
            say(faultLine);
        }
        // Everything token-service did in the steady state (the sampler's 100 lookups/s included) per refresh.
        double cpuMsPerRefresh = rotations == 0 ? Double.NaN : cpuUsed.toNanos() / 1e6 / rotations;
        say(String.format(
                "token-service: CPU %.0f %% of the machine on average (max %.0f %%), %.2f ms of CPU per "
                        + "refresh, heap used max %.0f MB",
                metrics.cpuAverage() * 100, metrics.cpuMax() * 100, cpuMsPerRefresh, metrics.heapMax() / 1e6));

        // Lookups with wrk, as the callbacks (issue 13): the bare lookup endpoint, then token-service's internal API,
        // each as fast as answered; then the API paced at half the bare endpoint's rate, for its p99.
        Wrk.requireInstalled();
        Wrk wrk = new Wrk(ProjectRoot.find(), 2);
        List<String> paths = fleet.appIds.stream()
                .map(appId -> "/internal/v1/accounts/" + appId + "/access-token")
                .toList();
        String authorization = "Bearer " + internalToken;
        // One lookup phase: {name, url, connections, rate (0: as fast as answered)}, its summary said.
        interface Phase {
            Wrk.Result run(String name, String url, int connections, double rate);
        }
        Phase phase = (name, url, connections, rate) -> {
            Wrk.Result result = wrk.runGets(name, url, paths, authorization, connections, settings.lookupPhase(), rate);
            say(result.summary());
            return result;
        };
        Wrk.Result baseline = phase.run("bare lookups", bareUrl, settings.concurrency(), 0);
        Wrk.Result api = phase.run("token API lookups", tokenUrl, settings.concurrency(), 0);
        double halfBare = Math.max(1, baseline.throughput() / 2);
        int pacedConnections = Math.max(settings.concurrency(), 64);
        Wrk.Result paced =
                phase.run(String.format("token API at %.0f/s", halfBare), tokenUrl, pacedConnections, halfBare);
        // The floor of that p99 on this machine: the bare endpoint paced at the same rate, the same way.
        Wrk.Result pacedBare =
                phase.run(String.format("bare lookups at %.0f/s", halfBare), bareUrl, pacedConnections, halfBare);
        say(String.format(
                Locale.ROOT,
                "lookup p99 at %.0f/s: token API %.2f ms, bare endpoint %.2f ms",
                halfBare,
                paced.p99Ms(),
                pacedBare.p99Ms()));
        if (api.non2xx() + paced.non2xx() + api.socketErrors() + paced.socketErrors() > 0) {
            say("token API lookups failed: " + (api.non2xx() + paced.non2xx()) + " non-2xx, "
                    + (api.socketErrors() + paced.socketErrors()) + " socket errors");
        }
        return new FleetResult(
                settings.accounts(),
                refreshesPerSecond,
                expiredSteady,
                overdue,
                callsPerLifetime,
                cpuMsPerRefresh,
                metrics.heapMax() / 1e6,
                api.throughput() / baseline.throughput(),
                paced.p99Ms(),
                faultLine);
    }

    /**
     * The negative control of the 40001 check ({@code -Dbench.revoke-tokens=N}): someone else forces a refresh of
     * the first N accounts at WeChat, which revokes the tokens token-service holds for them at once. Nobody reports
     * them invalid, so callers keep getting them and WeChat answers 40001: the run must say {@code passed=no}.
     */
    private static Mono<Void> revokeAtWeChat(String sandboxUrl, List<String> appIds) {
        var client = reactor.netty.http.client.HttpClient.create()
                .baseUrl(sandboxUrl)
                .headers(h -> h.set("Content-Type", "application/json"));
        return Flux.fromIterable(appIds)
                .flatMap(
                        appId -> client.post()
                                .uri("/cgi-bin/stable_token")
                                .send(reactor.netty.ByteBufMono.fromString(Mono.just(JSON.writeValueAsString(Map.of(
                                        "grant_type",
                                        "client_credential",
                                        "appid",
                                        appId,
                                        "secret",
                                        Fleet.SECRET,
                                        "force_refresh",
                                        true)))))
                                .responseContent()
                                .aggregate()
                                .asString(),
                        8)
                .filter(body -> !body.contains("errcode") || body.contains("\"errcode\":0"))
                .count()
                .doOnNext(done -> say("control: " + done
                        + " accounts' tokens revoked at WeChat by a forced refresh the platform" + " did not make"))
                .then();
    }

    /** Versions of the sampled accounts' access tokens, read from token-service's database. */
    private static Map<String, Long> versions(MongoCollection<Document> credentials, List<String> appIds) {
        Map<String, Long> versions = new HashMap<>();
        appIds.forEach(appId -> versions.put(appId, 0L));
        Flux.from(credentials.find(Filters.in(
                        "_id", appIds.stream().map(a -> a + "|ACCESS_TOKEN").toList())))
                .doOnNext(d -> versions.put(d.getString("appId"), ((Number) d.get("version")).longValue()))
                .blockLast(Duration.ofMinutes(2));
        return versions;
    }

    /** Credentials whose scheduled refresh is more than a serve margin late: the scheduler fell behind. */
    private long overdue(MongoCollection<Document> credentials) {
        return Mono.from(credentials.countDocuments(Filters.lt(
                        "refreshAt", java.util.Date.from(Instant.now().minus(settings.serveMargin())))))
                .block(Duration.ofMinutes(2));
    }

    /** stable_token calls WeChat saw for the accounts in the window, failed ones included. */
    private static long stableTokenCalls(String sandboxUrl, List<String> appIds, Instant from, Instant to) {
        var client = reactor.netty.http.client.HttpClient.create().baseUrl(sandboxUrl);
        AtomicLong calls = new AtomicLong();
        Flux.fromIterable(appIds)
                .flatMap(
                        appId -> client.get()
                                .uri("/sandbox/accounts/" + appId + "/api-calls")
                                .responseContent()
                                .aggregate()
                                .asString(),
                        8)
                .doOnNext(body -> JSON.readTree(body).forEach(call -> {
                    Instant at = Instant.parse(call.get("at").asString());
                    if ("stable_token".equals(call.get("api").asString()) && !at.isBefore(from) && at.isBefore(to)) {
                        calls.incrementAndGet();
                    }
                }))
                .blockLast(Duration.ofMinutes(2));
        return calls.get();
    }

    private static long endOffsets(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            var partitions = admin.describeTopics(List.of(TOKEN_TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(TOKEN_TOPIC)
                    .partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(TOKEN_TOPIC, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }

    /** token-service's own CPU share and heap, from its actuator metrics every few seconds. */
    private static final class Metrics {

        private final reactor.netty.http.client.HttpClient client;
        private final DoubleAdder cpuSum = new DoubleAdder();
        private final AtomicLong cpuSamples = new AtomicLong();
        private volatile double cpuMax;
        private volatile double heapMax;

        Metrics(String baseUrl) {
            this.client = reactor.netty.http.client.HttpClient.create().baseUrl(baseUrl);
        }

        Mono<Void> poll(Duration duration) {
            return Flux.interval(Duration.ofSeconds(5))
                    .take(duration.toSeconds() / 5)
                    .concatMap(tick -> scrape())
                    .doOnNext(body -> {
                        double cpu = sum(body, "process_cpu_usage");
                        cpuSum.add(cpu);
                        cpuSamples.incrementAndGet();
                        cpuMax = Math.max(cpuMax, cpu);
                        heapMax = Math.max(heapMax, sum(body, "jvm_memory_used_bytes{area=\"heap\""));
                    })
                    .then();
        }

        private Mono<String> scrape() {
            return client.get()
                    .uri("/actuator/prometheus")
                    .responseContent()
                    .aggregate()
                    .asString()
                    .timeout(Duration.ofSeconds(4))
                    .onErrorResume(e -> Mono.empty());
        }

        /** Sum of the samples whose line starts with {@code prefix} (e.g. every heap pool). */
        private static double sum(String prometheus, String prefix) {
            double total = 0;
            for (String line : prometheus.split("\n")) {
                if (line.startsWith(prefix)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        }

        double cpuAverage() {
            return cpuSamples.get() == 0 ? 0 : cpuSum.sum() / cpuSamples.get();
        }

        double cpuMax() {
            return cpuMax;
        }

        double heapMax() {
            return heapMax;
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
