package io.wxplatform.token.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import io.wxplatform.token.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two token-service PROCESSES (their executable jar, as deployed) against one MongoDB database and the sandbox
 * process, whose tokens live 20 s: the scheduler replaces each about 12 s after issue (margin 7 s, jitter 1 s). The
 * last test SIGKILLs one of them, so the order matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicaProcessesIT {

    private static final String INTERNAL_TOKEN = "it-internal-token";
    private static final String DATABASE = "wx_token_fleet";
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration MARGIN = Duration.ofSeconds(7);
    private static final Duration JITTER = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final int PLATFORM_RATE_LIMIT = 5;
    private static final Duration BETWEEN_REFRESHES =
            LIFETIME.minus(MARGIN).minus(JITTER).minusSeconds(1);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    private static ServiceProcess sandbox;
    private static List<ServiceProcess> replicas;
    private static WebClient wechat;
    private static MongoDatabase database;

    @BeforeAll
    static void start() {
        KafkaProbe.createTopics(Topics.TOKEN, Topics.ACCOUNT);
        sandbox = ServiceProcess.start(
                "sandbox",
                Map.of(
                        "sandbox.token.lifetime", LIFETIME.toSeconds() + "s",
                        "sandbox.token.stable-refresh-ahead", "10s",
                        "sandbox.ticket.lifetime", LIFETIME.toSeconds() + "s"));
        wechat = WebClient.create(sandbox.baseUrl());
        replicas = ServiceProcess.startAll(List.of(replica(), replica()));
        database = MongoClients.create(TestInfrastructure.mongoUri()).getDatabase(DATABASE);
    }

    @AfterAll
    static void stop() {
        if (replicas != null) {
            replicas.forEach(ServiceProcess::close);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void bothReplicasTogetherNeverExceedThePlatformWideRateLimit() {
        List<String> appIds = IntStream.range(0, 30).mapToObj(i -> account()).toList();
        appIds.forEach(appId -> accessToken(replicas.get(appIds.indexOf(appId) % 2), appId));

        Instant mark = Instant.now();
        // Everything comes due at once: 30 refreshes that both replicas compete for.
        Mono.from(database.getCollection("credentials")
                        .updateMany(Filters.in("appId", appIds), Updates.set("refreshAt", Date.from(mark))))
                .block(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> appIds.stream().allMatch(appId -> version(appId) >= 2));
        retire(appIds);

        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        appIds.stream()
                .flatMap(appId -> stableTokenCalls(appId).stream())
                .filter(at -> !at.isBefore(mark))
                .forEach(at -> perSecond.merge(at.getEpochSecond(), 1, Integer::sum));
        assertThat(perSecond.values().stream().mapToInt(Integer::intValue).sum())
                .isGreaterThanOrEqualTo(30);
        List<Document> windows = Flux.from(
                        database.getCollection("rate_windows").find())
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(windows)
                .as("permits per one-second window, both replicas together")
                .isNotEmpty()
                .allSatisfy(window -> assertThat(window.getInteger("count")).isLessThanOrEqualTo(PLATFORM_RATE_LIMIT));
        // A call leaves right after its permit but may reach WeChat in the next second (a slow send on a busy
        // machine), so one second at WeChat can see the tail of one window and the whole next: never more.
        assertThat(perSecond.values())
                .as("WeChat token calls per second, both replicas together")
                .allSatisfy(calls -> assertThat(calls).isLessThanOrEqualTo(2 * PLATFORM_RATE_LIMIT));
        long seconds = perSecond.lastKey() - perSecond.firstKey() + 1;
        assertThat(perSecond.values().stream().mapToInt(Integer::intValue).sum())
                .as("over the whole burst, at most the limit per second plus one window")
                .isLessThanOrEqualTo((int) (PLATFORM_RATE_LIMIT * (seconds + 1)));
        assertThat(perSecond.lastKey() - perSecond.firstKey())
                .as("30 calls at 5/s take six windows, so at least five seconds at WeChat")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(2)
    void aHundredConcurrentInvalidReportsSpreadOverBothProcessesMakeOneRefresh() {
        String appId = account();
        Map<String, Object> first = accessToken(replicas.get(0), appId);
        int callsBefore = stableTokenCalls(appId).size();

        try (KafkaProbe rotations = KafkaProbe.on(Topics.TOKEN)) {
            List<Integer> statuses = Flux.range(0, 100)
                    .flatMap(
                            i -> client(replicas.get(i % 2))
                                    .post()
                                    .uri("/internal/v1/accounts/{a}/access-token/invalid", appId)
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                                    .bodyValue(Map.of("version", first.get("version")))
                                    .exchangeToMono(response -> response.releaseBody()
                                            .thenReturn(response.statusCode().value())),
                            100)
                    .collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(statuses).hasSize(100).containsOnly(202);
            assertThat(version(appId)).isEqualTo(2L);
            assertThat(stableTokenCalls(appId)).as("one forced call at WeChat").hasSize(callsBefore + 1);
            // The probe may also see version 1's notice (the first fetch); no version after 2 may exist.
            assertThat(rotations.drainFor(Duration.ofSeconds(2)))
                    .filteredOn(r -> appId.equals(r.key()))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .as("one rotation notice for the new version, none beyond")
                    .filteredOn(body -> !body.contains("\"version\":1,") && !body.contains("\"version\":1}"))
                    .singleElement()
                    .asString()
                    .contains("\"version\":2");
        }
        for (ServiceProcess replica : replicas) {
            Map<String, Object> served = accessToken(replica, appId);
            assertThat(served.get("version")).isEqualTo(2);
            assertThat(validAtWeChat((String) served.get("accessToken"))).isTrue();
        }
        retire(List.of(appId));
    }

    @Test
    @Order(3)
    void aReplicaKilledMidRefreshIsTakenOverAfterItsLeaseAndNoCallerIsEverHandedAnExpiredToken() throws Exception {
        List<String> appIds = List.of(account(), account(), account());
        appIds.forEach(appId -> accessToken(replicas.get(0), appId));

        // Both alive for more than a lifetime: callers of either replica always get a live token.
        pollTokens(replicas, appIds, Duration.ofSeconds(25));
        Instant faultAt = Instant.now();
        appIds.forEach(appId -> assertThat(gapsShorterThan(BETWEEN_REFRESHES, appId, Instant.MIN))
                .as("one WeChat call per lifetime across both processes")
                .isZero());

        // WeChat turns slow, so the next scheduled refresh is still in flight when its replica dies.
        post(wechat, "/sandbox/faults", Map.of("api", "stable_token", "kind", "LATENCY", "latencyMs", 2500));
        AtomicReference<Document> inFlight = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    inFlight.set(Flux.fromIterable(appIds)
                            .concatMap(appId -> Mono.from(database.getCollection("credentials")
                                    .find(Filters.and(
                                            Filters.eq("_id", appId + "|ACCESS_TOKEN"), Filters.ne("lease", null)))
                                    .first()))
                            .next()
                            .block(Duration.ofSeconds(5)));
                    return inFlight.get() != null;
                });
        Document leased = inFlight.get();
        String owner = leased.get("lease", Document.class).getString("owner");
        Instant leaseUntil =
                leased.get("lease", Document.class).getDate("until").toInstant();
        long versionAtKill = leased.getLong("version");
        ServiceProcess holder = holderOf(owner);
        ServiceProcess survivor = replicas.get(1 - replicas.indexOf(holder));
        kill(holder);
        Instant killedAt = Instant.now();
        wechat.delete().uri("/sandbox/faults").retrieve().toBodilessEntity().block(Duration.ofSeconds(5));

        Map<String, Long> versionsAtKill = new HashMap<>();
        appIds.forEach(appId -> versionsAtKill.put(appId, version(appId)));

        // The survivor alone keeps every account live until it has renewed each of them (the victim once the dead
        // replica's lease ran out, the others when due).
        pollTokensUntil(
                List.of(survivor),
                appIds,
                Duration.ofSeconds(30),
                () -> appIds.stream().allMatch(appId -> version(appId) > versionsAtKill.get(appId)));

        String victim = leased.getString("appId");
        assertThat(version(victim)).as("the survivor stored the next version").isGreaterThan(versionAtKill);
        assertThat(stableTokenCalls(victim))
                .as("the takeover waited for the dead replica's lease")
                .anySatisfy(at -> assertThat(at).isAfterOrEqualTo(leaseUntil.minusMillis(100)));
        assertThat(killedAt).isBefore(leaseUntil);
        for (String appId : appIds) {
            assertThat(gapsShorterThan(BETWEEN_REFRESHES, appId, faultAt))
                    .as("at most a refresh the killed replica had in flight was repeated")
                    .isLessThanOrEqualTo(1);
        }
    }

    /**
     * Asks the replicas for every account's token, round-robin, for {@code duration}: each token handed out must
     * expire in the future and be accepted by WeChat.
     */
    private static void pollTokens(List<ServiceProcess> from, List<String> appIds, Duration duration) {
        AtomicInteger rounds = new AtomicInteger();
        // A failed assertion ends the wait at once; the condition must hold, round after round, for the duration.
        await().during(duration)
                .atMost(duration.plusSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> servesLiveTokens(from.get(rounds.getAndIncrement() % from.size()), appIds));
    }

    /** Like {@link #pollTokens}, until {@code done} holds (at most {@code atMost}). */
    private static void pollTokensUntil(
            List<ServiceProcess> from, List<String> appIds, Duration atMost, Callable<Boolean> done) {
        AtomicInteger rounds = new AtomicInteger();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> servesLiveTokens(from.get(rounds.getAndIncrement() % from.size()), appIds) && done.call());
    }

    /** One round: every token {@code replica} hands out expires in the future and is accepted by WeChat. */
    private static boolean servesLiveTokens(ServiceProcess replica, List<String> appIds) {
        for (String appId : appIds) {
            Instant asked = Instant.now();
            Map<String, Object> served = accessToken(replica, appId);
            assertThat(Instant.parse((String) served.get("expiresAt")))
                    .as("expiry of a token handed out")
                    .isAfter(asked);
            assertThat(validAtWeChat((String) served.get("accessToken")))
                    .as("WeChat accepts it")
                    .isTrue();
        }
        return true;
    }

    /** Successful stable_token calls of the account (since {@code since}) closer to the previous one than allowed. */
    private static long gapsShorterThan(Duration gap, String appId, Instant since) {
        List<Instant> calls = stableTokenCalls(appId);
        long shorter = 0;
        for (int i = 1; i < calls.size(); i++) {
            if (!calls.get(i).isBefore(since)
                    && Duration.between(calls.get(i - 1), calls.get(i)).compareTo(gap) < 0) {
                shorter++;
            }
        }
        return shorter;
    }

    private static Spec replica() {
        Map<String, String> properties = new TreeMap<>(TestIssuer.shared().serviceProperties());
        properties.putAll(Map.ofEntries(
                Map.entry("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers()),
                Map.entry("wxplatform.mongodb.uri", TestInfrastructure.mongoUri()),
                Map.entry("wxplatform.mongodb.database", DATABASE),
                Map.entry("wxplatform.wechat.base-url", sandbox.baseUrl()),
                Map.entry("wxplatform.internal.auth-token", INTERNAL_TOKEN),
                Map.entry("wxplatform.credentials.refresh-margin", MARGIN.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.refresh-jitter", JITTER.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.serve-margin", "2s"),
                Map.entry("wxplatform.credentials.lease", LEASE.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.scan-interval", "200ms"),
                Map.entry("wxplatform.credentials.platform-rate-limit", String.valueOf(PLATFORM_RATE_LIMIT))));
        return Spec.of("token-service", properties);
    }

    /** The process whose start-up log names {@code owner} as its lease id. */
    private static ServiceProcess holderOf(String owner) throws Exception {
        for (ServiceProcess replica : replicas) {
            if (Files.readString(replica.logFile(), StandardCharsets.UTF_8).contains(owner)) {
                return replica;
            }
        }
        throw new AssertionError("no replica logged lease id " + owner);
    }

    /** SIGKILL: no shutdown hook, no lease released, the in-flight refresh simply stops. */
    private static void kill(ServiceProcess replica) {
        String port = "--server.port=" + replica.port();
        ProcessHandle.current()
                .children()
                .filter(child ->
                        child.info().arguments().map(List::of).orElse(List.of()).contains(port))
                .forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !replica.isAlive());
    }

    /** Stops the accounts' refreshes, so later tests have WeChat's log and the rate limit to themselves. */
    private static void retire(List<String> appIds) {
        Mono.from(database.getCollection("credentials").deleteMany(Filters.in("appId", appIds)))
                .block(Duration.ofSeconds(5));
    }

    /** Registers a fresh account with WeChat (the sandbox) and with token-service. */
    private static String account() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        String operator = TestIssuer.shared().operator();
        post(wechat, "/sandbox/accounts", Map.of("appId", appId, "secret", secret));
        WebClient tokenService = client(replicas.get(0))
                .mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + operator)
                .build();
        post(tokenService, "/api/v1/tenants", Map.of("id", tenantId, "name", "Tenant " + tenantId));
        post(tokenService, "/api/v1/tenants/" + tenantId + "/accounts", Fixtures.account(appId, secret, "tok1"));
        return appId;
    }

    private static void post(WebClient client, String path, Object body) {
        client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(10));
    }

    private static WebClient client(ServiceProcess process) {
        return WebClient.create(process.baseUrl());
    }

    private static Map<String, Object> accessToken(ServiceProcess replica, String appId) {
        return client(replica)
                .get()
                .uri("/internal/v1/accounts/{a}/access-token", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
    }

    /** 40003 (no such follower) means WeChat accepted the token itself; 40001/42001 would mean stale or expired. */
    private static boolean validAtWeChat(String accessToken) {
        Object errcode = wechat.post()
                .uri("/cgi-bin/message/custom/send?access_token={t}", accessToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("touser", "o-nobody", "msgtype", "text", "text", Map.of("content", "hi")))
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(5))
                .get("errcode");
        return Integer.valueOf(40003).equals(errcode);
    }

    /** When WeChat handed out a token for the account (successful stable_token calls), oldest first. */
    private static List<Instant> stableTokenCalls(String appId) {
        List<Map<String, Object>> calls = wechat.get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .retrieve()
                .bodyToMono(JSON_LIST)
                .block(Duration.ofSeconds(5));
        List<Instant> at = new ArrayList<>();
        for (Map<String, Object> call : calls) {
            if ("stable_token".equals(call.get("api")) && Integer.valueOf(0).equals(call.get("errcode"))) {
                at.add(Instant.parse((String) call.get("at")));
            }
        }
        return at;
    }

    private static long version(String appId) {
        Document credential = Mono.from(database.getCollection("credentials")
                        .find(Filters.eq("_id", appId + "|ACCESS_TOKEN"))
                        .first())
                .block(Duration.ofSeconds(5));
        return credential == null ? 0 : ((Number) credential.get("version")).longValue();
    }
}
