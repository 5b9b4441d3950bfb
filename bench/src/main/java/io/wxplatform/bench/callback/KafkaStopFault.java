package io.wxplatform.bench.callback;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.KafkaBrokerProcess;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Fault run: Kafka is stopped for 30 s during a steady stream of callbacks to callback-service, and started again on
 * the same port and log directory, while the sender behaves as WeChat does (5 s per attempt, 3 attempts). While Kafka
 * is away callback-service must answer from its MongoDB outbox; once Kafka is back the relay publishes every parked
 * event. Then every callback answered 200 must be on {@code wx.inbound.v1} exactly once, and each follower's events
 * in the order callback-service took them: an event answered before another of the same follower was first sent must
 * come first on Kafka (events in flight at the same time have no order to keep).
 */
public final class KafkaStopFault {

    private static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);
    private static final int WECHAT_ATTEMPTS = 3;
    private static final String TOPIC = "wx.inbound.v1";
    private static final String RULES_TOPIC = "wx.reply-rules.v1";
    private static final List<String> KAFKA_JVM_FLAGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration DRAIN_PATIENCE = Duration.ofMinutes(10);
    private static final Pattern DEPTH = Pattern.compile("\"depth\"\\s*:\\s*(\\d+)");

    /**
     * What became of one callback: answered 200 (at some attempt) or given up after the last; when its first attempt
     * left and when the answer came (monotonic nanos, and wall-clock millis to compare with Kafka's timestamps).
     */
    record Delivery(
            String eventId,
            boolean answered,
            int attempts,
            long firstSentNanos,
            long answeredNanos,
            long answeredMillis) {}

    private KafkaStopFault() {}

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.fault-rate", "50"));
        Duration before = Duration.ofSeconds(Long.getLong("bench.fault-before-seconds", 20));
        Duration stopped = Duration.ofSeconds(Long.getLong("bench.kafka-stop-seconds", 30));
        Duration after = Duration.ofSeconds(Long.getLong("bench.fault-after-seconds", 30));
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        Path kafkaDir = root.resolve("bench/target/fault-kafka");
        deleteTree(kafkaDir);
        BenchJvm.defaultToEmbeddedInfrastructure();
        String mongo = TestInfrastructure.mongoUri();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(
                kafkaDir, FreePort.pick(), FreePort.pick(), logDir.resolve("kafka.log"), KAFKA_JVM_FLAGS)) {
            String kafka = broker.bootstrapServers();
            say("Kafka (KRaft, its own JVM) on " + kafka + ", log directory " + kafkaDir);
            BenchTopics.createMissing(kafka, List.of(TOPIC, RULES_TOPIC), List.of(RULES_TOPIC));
            run(root, logDir, broker, mongo, rate, before, stopped, after);
        }
    }

    private static void run(
            Path root,
            Path logDir,
            KafkaBrokerProcess broker,
            String mongo,
            double rate,
            Duration before,
            Duration stopped,
            Duration after)
            throws Exception {
        String kafka = broker.bootstrapServers();
        int tokenPort = FreePort.pick();
        String tokenUrl = "http://127.0.0.1:" + tokenPort;
        Map<String, String> jwt = TestIssuer.shared().serviceProperties();
        Map<String, String> infra = merged(
                Map.of(
                        "spring.kafka.bootstrap-servers", kafka,
                        "wxplatform.mongodb.uri", mongo,
                        "wxplatform.internal.auth-token", UUID.randomUUID().toString()),
                jwt);
        Spec token = spec(
                "token-service",
                tokenPort,
                merged(infra, Map.of("wxplatform.wechat.base-url", "http://127.0.0.1:9")),
                logDir);
        Map<String, String> callbackProperties = new LinkedHashMap<>(infra);
        callbackProperties.put("wxplatform.token-service.url", tokenUrl);
        // How long a callback may ask MongoDB whether its follower has events parked before it goes to Kafka anyway
        // (callback-service's default: 250 ms); a knob to tell a slow lookup from a broken order.
        String checkTimeout = System.getProperty("bench.outbox-check-timeout");
        if (checkTimeout != null) {
            callbackProperties.put("wxplatform.callback.outbox.check-timeout", checkTimeout);
        }
        Spec callback = spec("callback-service", FreePort.pick(), callbackProperties, logDir);
        List<ServiceProcess> services = ServiceProcess.startAll(List.of(token, callback), root);
        try {
            say("processes ready; logs in " + logDir);
            List<Account> accounts = List.of(Account.generate(0), Account.generate(1), Account.generate(2));
            String tenantId = "fault-" + Long.toHexString(System.currentTimeMillis());
            Tenants.register(tokenUrl, tenantId, accounts).block();
            ReplyRules.publish(kafka, tenantId, accounts);
            var callbacks = new Callbacks(accounts, 50);
            String callbackUrl = services.get(1).baseUrl();
            Outbox outbox = new Outbox(callbackUrl);

            ConnectionProvider pool = ConnectionProvider.builder("wechat")
                    .maxConnections(2000)
                    .pendingAcquireMaxCount(-1)
                    .build();
            HttpClient client = HttpClient.create(pool)
                    .baseUrl(callbackUrl)
                    .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8"));
            Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            Disposable load = Flux.interval(Duration.ofNanos((long) (1e9 / rate)))
                    .onBackpressureDrop()
                    .takeWhile(tick -> sending.get())
                    .flatMap(tick -> deliver(client, callbacks.next(1).get(0), 1, System.nanoTime()), 100_000)
                    .subscribe(deliveries::add);
            say(String.format(
                    "sending %.0f callbacks/s to callback-service, as WeChat: %d attempts, %d s apart",
                    rate, WECHAT_ATTEMPTS, WECHAT_TIMEOUT.toSeconds()));

            Mono.delay(before).block();
            long stopAt = System.nanoTime();
            broker.stop();
            say(String.format(
                    "Kafka stopped (SIGTERM, controlled shutdown took %.1f s); starting it again in %d s",
                    (System.nanoTime() - stopAt) / 1e9, stopped.toSeconds()));
            Mono.delay(stopped).block();
            long depthAtRestart = outbox.depth();
            long startAt = System.nanoTime();
            broker.start();
            long backAt = System.nanoTime();
            say(String.format(
                    "Kafka answering again after %.1f s down (%.1f s to start); outbox depth at restart: %d",
                    (backAt - stopAt) / 1e9, (backAt - startAt) / 1e9, depthAtRestart));

            // The outbox drains while the load goes on: watch its depth until it is empty.
            long[] drained = {-1};
            long[] maxDepth = {depthAtRestart};
            Disposable watch = Flux.interval(Duration.ZERO, Duration.ofMillis(500))
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(outbox::depth)
                            .subscribeOn(Schedulers.boundedElastic())
                            // A failed read tells nothing; the next one, half a second later, may.
                            .onErrorResume(error -> Mono.empty()))
                    .takeUntil(depth -> depth == 0)
                    .subscribe(depth -> {
                        maxDepth[0] = Math.max(maxDepth[0], depth);
                        if (depth == 0) {
                            drained[0] = System.nanoTime();
                        }
                    });
            Mono.delay(after).block();
            sending.set(false);
            long sendingStopped = System.nanoTime();
            // The last callbacks sent may still be retrying: WeChat's whole schedule is attempts x timeout.
            long deadline = System.nanoTime()
                    + WECHAT_TIMEOUT.multipliedBy(WECHAT_ATTEMPTS + 1).toNanos();
            while (!load.isDisposed() && System.nanoTime() < deadline) {
                Mono.delay(Duration.ofMillis(200)).block();
            }
            load.dispose();
            pool.dispose();
            long drainDeadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
            while (drained[0] < 0 && System.nanoTime() < drainDeadline) {
                Mono.delay(Duration.ofMillis(200)).block();
            }
            watch.dispose();
            double drainSeconds = drained[0] < 0 ? Double.NaN : (drained[0] - backAt) / 1e9;
            say(String.format(
                    "outbox: %d at Kafka's restart, at most %d after; empty %.1f s after Kafka was back%s",
                    depthAtRestart,
                    maxDepth[0],
                    drainSeconds,
                    drained[0] > sendingStopped ? " (after the load had stopped)" : " (under load)"));

            judge(kafka, deliveries, stopAt, backAt, drainSeconds);
        } finally {
            services.parallelStream().forEach(ServiceProcess::close);
        }
    }

    private static void judge(String kafka, Queue<Delivery> deliveries, long stopAt, long backAt, double drainSeconds) {
        Map<String, Delivery> answered = new HashMap<>();
        Set<String> sent = new HashSet<>();
        long givenUp = 0;
        long retried = 0;
        long answeredWhileDown = 0;
        for (Delivery delivery : deliveries) {
            sent.add(delivery.eventId());
            if (delivery.answered()) {
                answered.put(delivery.eventId(), delivery);
                if (delivery.answeredNanos() >= stopAt && delivery.answeredNanos() <= backAt) {
                    answeredWhileDown++;
                }
            } else {
                givenUp++;
            }
            if (delivery.attempts() > 1) {
                retried++;
            }
        }
        InboundRecords onKafka = InboundRecords.read(kafka, TOPIC, answered.keySet(), Duration.ofSeconds(120));
        List<String> lost = answered.keySet().stream()
                .filter(id -> !onKafka.firstById().containsKey(id))
                .toList();
        long duplicated = sent.stream()
                .mapToLong(id -> Math.max(0, onKafka.countById().getOrDefault(id, 0) - 1))
                .sum();
        // Answered before it reached Kafka: the answer came from the outbox, the relay published it later. A record
        // sent straight to Kafka carries the time of its send, which precedes the answer (it waits for the ack).
        long fromOutbox = answered.values().stream()
                .filter(d -> onKafka.firstById().containsKey(d.eventId()))
                .filter(d -> onKafka.firstById().get(d.eventId()).timestampMillis() > d.answeredMillis())
                .count();
        Order order = order(answered, onKafka);
        say(String.format(
                "sent %d events, %d needed a retry, %d given up; answered 200: %d, %d of them while Kafka was down;"
                        + " on Kafka: %d records, %d distinct ids",
                sent.size(),
                retried,
                givenUp,
                answered.size(),
                answeredWhileDown,
                onKafka.records(),
                onKafka.firstById().size()));
        say(String.format(
                "per-follower order: %d followers, %d events, %d pairs where one was answered before the other was"
                        + " sent; %d out of order",
                order.followers(), order.events(), order.causalPairs(), order.violations()));
        if (!lost.isEmpty()) {
            say("lost, among others: " + lost.subList(0, Math.min(5, lost.size())));
        }
        say(String.format(
                "fault-kafka-stop accepted=%d from_outbox=%d lost=%d duplicated=%d ordered=%s drain_s=%.1f",
                answered.size(),
                fromOutbox,
                lost.size(),
                duplicated,
                order.violations() == 0 ? "yes" : "no",
                drainSeconds));
    }

    /** How the accepted events of each follower (record key) stand on Kafka against the order they were taken. */
    record Order(int followers, int events, long causalPairs, long violations) {}

    private static Order order(Map<String, Delivery> answered, InboundRecords onKafka) {
        Map<String, List<String>> byKey = new HashMap<>();
        answered.keySet().stream()
                .filter(onKafka.firstById()::containsKey)
                .forEach(id -> byKey.computeIfAbsent(onKafka.firstById().get(id).key(), k -> new ArrayList<>())
                        .add(id));
        long pairs = 0;
        long violations = 0;
        int events = 0;
        for (List<String> ids : byKey.values()) {
            // One key is one partition; its events in the order they stand there.
            ids.sort(Comparator.comparingLong(id -> onKafka.firstById().get(id).offset()));
            if (ids.stream()
                            .map(id -> onKafka.firstById().get(id).partition())
                            .distinct()
                            .count()
                    > 1) {
                violations += ids.size();
                continue;
            }
            events += ids.size();
            for (int i = 0; i < ids.size(); i++) {
                Delivery earlier = answered.get(ids.get(i));
                for (int j = 0; j < ids.size(); j++) {
                    Delivery other = answered.get(ids.get(j));
                    if (i == j || other.answeredNanos() >= earlier.firstSentNanos()) {
                        continue;
                    }
                    // `other` was answered before `earlier` was first sent: it must stand before it.
                    pairs++;
                    if (j > i) {
                        violations++;
                    }
                }
            }
        }
        return new Order(byKey.size(), events, pairs, violations);
    }

    /** One WeChat attempt after another, each given 5 s, the next 5 s after the previous one started. */
    private static Mono<Delivery> deliver(HttpClient client, Callback callback, int attempt, long firstSent) {
        long started = System.nanoTime();
        return client.post()
                .uri(callback.path())
                .send(ByteBufMono.fromString(Mono.just(callback.body())))
                .responseSingle((response, body) -> body.asString()
                        .defaultIfEmpty("")
                        .map(text -> response.status().code() == 200))
                .timeout(WECHAT_TIMEOUT)
                .onErrorReturn(false)
                .flatMap(ok -> {
                    if (ok || attempt == WECHAT_ATTEMPTS) {
                        return Mono.just(new Delivery(
                                callback.eventId(),
                                ok,
                                attempt,
                                firstSent,
                                System.nanoTime(),
                                System.currentTimeMillis()));
                    }
                    long wait = Math.max(0, started + WECHAT_TIMEOUT.toNanos() - System.nanoTime());
                    return Mono.delay(Duration.ofNanos(wait)).then(deliver(client, callback, attempt + 1, firstSent));
                });
    }

    /** callback-service's outbox depth, from its operator API (MongoDB's count, not a gauge refreshed per poll). */
    private static final class Outbox {

        private final HttpClient client;

        Outbox(String callbackUrl) {
            this.client = HttpClient.create()
                    .baseUrl(callbackUrl)
                    .headers(h -> h.set(
                            HttpHeaderNames.AUTHORIZATION,
                            "Bearer " + TestIssuer.shared().operator()));
        }

        long depth() {
            String body = client.get()
                    .uri("/api/v1/operator/outbox")
                    .responseSingle((response, content) -> content.asString().defaultIfEmpty(""))
                    .block(Duration.ofSeconds(10));
            Matcher depth = DEPTH.matcher(body == null ? "" : body);
            if (!depth.find()) {
                throw new IllegalStateException("callback-service's outbox API answered: " + body);
            }
            return Long.parseLong(depth.group(1));
        }
    }

    private static Spec spec(String module, int port, Map<String, String> properties, Path logDir) {
        return Spec.of(module, properties)
                .withPort(port)
                .withLogDir(logDir)
                .withJvmArgs(BenchJvm.flags(module, logDir))
                .withHealthTimeout(START_TIMEOUT);
    }

    @SafeVarargs
    private static Map<String, String> merged(Map<String, String>... maps) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> map : maps) {
            merged.putAll(map);
        }
        return merged;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
