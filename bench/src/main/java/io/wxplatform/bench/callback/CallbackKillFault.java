package io.wxplatform.bench.callback;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.wxplatform.bench.BenchJvm;
import io.wxplatform.bench.BenchTopics;
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
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Fault run: callback-service is killed ({@code kill -9}) during a steady stream of callbacks through the gateway,
 * and started again, while the sender behaves as WeChat does: it waits 5 s for an answer and makes 3 attempts in all,
 * one every 5 s, until one is answered 200. Then every event answered 200 must be on {@code wx.inbound.v1}: none
 * lost. A retry of an event that was stored although its answer never arrived is published again under the same
 * {@code ce_id} (consumers deduplicate on it): those records are counted, not failures. Events WeChat gave up on
 * (never answered 200) were never acknowledged, so WeChat knows; they are counted too.
 */
public final class CallbackKillFault {

    private static final Duration WECHAT_TIMEOUT = Duration.ofSeconds(5);
    private static final int WECHAT_ATTEMPTS = 3;
    private static final String TOPIC = "wx.inbound.v1";
    private static final String RULES_TOPIC = "wx.reply-rules.v1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** What became of one callback: answered 200 at some attempt, or given up after the last. */
    record Delivery(String eventId, boolean answered, int attempts) {}

    private CallbackKillFault() {}

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.fault-rate", "100"));
        Duration before = Duration.ofSeconds(Long.getLong("bench.fault-before-seconds", 20));
        Duration after = Duration.ofSeconds(Long.getLong("bench.fault-after-seconds", 20));
        Path root = ProjectRoot.find();
        Path logDir = Files.createDirectories(root.resolve("bench/target/bench-logs"));
        BenchJvm.defaultToEmbeddedInfrastructure();
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        BenchTopics.createMissing(kafka, List.of(TOPIC, RULES_TOPIC), List.of(RULES_TOPIC));
        int tokenPort = FreePort.pick();
        int callbackPort = FreePort.pick();
        String tokenUrl = "http://127.0.0.1:" + tokenPort;
        Map<String, String> infra = Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "wxplatform.mongodb.uri", TestInfrastructure.mongoUri(),
                "wxplatform.internal.auth-token", UUID.randomUUID().toString());
        Map<String, String> jwt = TestIssuer.shared().serviceProperties();
        Spec token = spec(
                "token-service",
                tokenPort,
                merged(infra, jwt, Map.of("wxplatform.wechat.base-url", "http://127.0.0.1:9")),
                logDir);
        Spec callback = spec(
                "callback-service",
                callbackPort,
                merged(infra, Map.of(), Map.of("wxplatform.token-service.url", tokenUrl)),
                logDir);
        Spec gateway = spec(
                "gateway",
                FreePort.pick(),
                merged(
                        jwt,
                        Map.of(),
                        Map.of(
                                "wxplatform.callback-service.url",
                                "http://127.0.0.1:" + callbackPort,
                                "wxplatform.token-service.url",
                                tokenUrl,
                                "wxplatform.messaging-service.url",
                                "http://127.0.0.1:9",
                                "wxplatform.user-service.url",
                                "http://127.0.0.1:9")),
                logDir);

        List<ServiceProcess> services =
                new ArrayList<>(ServiceProcess.startAll(List.of(token, callback, gateway), root));
        try {
            say("processes ready; logs in " + logDir);
            List<Account> accounts = List.of(Account.generate(0), Account.generate(1), Account.generate(2));
            String tenantId = "fault-" + Long.toHexString(System.currentTimeMillis());
            Tenants.register(tokenUrl, tenantId, accounts).block();
            ReplyRules.publish(kafka, tenantId, accounts);
            var callbacks = new Callbacks(accounts, 50);
            String gatewayUrl = services.get(2).baseUrl();

            ConnectionProvider pool = ConnectionProvider.builder("wechat")
                    .maxConnections(2000)
                    .pendingAcquireMaxCount(-1)
                    .build();
            HttpClient client = HttpClient.create(pool)
                    .baseUrl(gatewayUrl)
                    .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8"));
            Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            long period = (long) (1e9 / rate);
            Disposable load = Flux.interval(Duration.ofNanos(period))
                    .onBackpressureDrop()
                    .takeWhile(tick -> sending.get())
                    .flatMap(tick -> deliver(client, callbacks.next(1).get(0), 1), 100_000)
                    .subscribe(deliveries::add);

            say(String.format(
                    "sending %.0f callbacks/s through the gateway, as WeChat: %d attempts, %d s apart",
                    rate, WECHAT_ATTEMPTS, WECHAT_TIMEOUT.toSeconds()));
            Mono.delay(before).block();
            ServiceProcess victim = services.get(1);
            long killedAt = System.nanoTime();
            victim.handle().destroyForcibly();
            victim.handle().onExit().join();
            say("callback-service killed (SIGKILL) after " + before.toSeconds() + " s; starting it again");
            ServiceProcess restarted = ServiceProcess.start(callback, root);
            services.set(1, restarted);
            double downSeconds = (System.nanoTime() - killedAt) / 1e9;
            say(String.format("callback-service answering again after %.1f s", downSeconds));
            Mono.delay(after).block();
            sending.set(false);
            // The last callbacks sent may still be retrying: WeChat's whole schedule is attempts x timeout.
            long deadline = System.nanoTime()
                    + WECHAT_TIMEOUT.multipliedBy(WECHAT_ATTEMPTS + 1).toNanos();
            while (!load.isDisposed() && System.nanoTime() < deadline) {
                Mono.delay(Duration.ofMillis(200)).block();
            }
            load.dispose();
            pool.dispose();

            Set<String> answered = new HashSet<>();
            Set<String> sent = new HashSet<>();
            long givenUp = 0;
            long retried = 0;
            for (Delivery delivery : deliveries) {
                sent.add(delivery.eventId());
                if (delivery.answered()) {
                    answered.add(delivery.eventId());
                } else {
                    givenUp++;
                }
                if (delivery.attempts() > 1) {
                    retried++;
                }
            }
            EventCount count = EventCount.read(kafka, TOPIC, answered, sent, Duration.ofSeconds(90));
            say(String.format(
                    "sent %d events, %d needed a retry; answered 200: %d; on Kafka: %d records, %d distinct",
                    sent.size(), retried, answered.size(), count.records(), count.distinct()));
            if (count.lost() > 0) {
                say("lost, among others: " + count.someLost());
            }
            say(String.format(
                    "fault callback_kill sent=%d answered=%d given_up=%d lost=%d duplicated_records=%d"
                            + " down_s=%.1f",
                    sent.size(), answered.size(), givenUp, count.lost(), count.duplicated(), downSeconds));
        } finally {
            services.parallelStream().forEach(ServiceProcess::close);
        }
    }

    /** One WeChat attempt after another, each given 5 s, the next 5 s after the previous one started. */
    private static Mono<Delivery> deliver(HttpClient client, Callback callback, int attempt) {
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
                        return Mono.just(new Delivery(callback.eventId(), ok, attempt));
                    }
                    long wait = Math.max(0, started + WECHAT_TIMEOUT.toNanos() - System.nanoTime());
                    return Mono.delay(Duration.ofNanos(wait)).then(deliver(client, callback, attempt + 1));
                });
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

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
