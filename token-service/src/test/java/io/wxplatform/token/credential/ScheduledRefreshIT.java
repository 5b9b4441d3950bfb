package io.wxplatform.token.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TestClockConfiguration;
import io.wxplatform.token.TokenServiceApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Two token-service replicas against one MongoDB database and a sandbox whose tokens live 20 s: the scheduler
 * replaces each token about 12 s after it was issued (margin 7 s plus up to 1 s jitter), always through exactly
 * one replica. The tests drive time: token-service's clock ({@link TestClock}) and WeChat's (the sandbox's) move
 * forward together, so a lifetime passes in a moment and nothing waits for real time.
 */
class ScheduledRefreshIT {

    private static final String INTERNAL_TOKEN = "it-internal-token";
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration MARGIN = Duration.ofSeconds(7);
    private static final Duration JITTER = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final Duration SERVE_MARGIN = Duration.ofSeconds(2);
    private static final String DATABASE = "wx_token_refresh";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    private static ServiceProcess sandbox;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static List<WebClient> replicas;
    private static WebClient wechat;
    private static MongoCollection<Document> credentials;

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
        first = replica();
        second = replica();
        replicas = List.of(client(first), client(second));
        credentials = MongoClients.create(TestInfrastructure.mongoUri())
                .getDatabase(DATABASE)
                .getCollection("credentials");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        sandbox.close();
    }

    @Test
    void everyTokenIsRefreshedOncePerLifetimeByOneReplicaAndNeverServedExpired() {
        List<String> appIds =
                List.of(account(Fixtures.secret()), account(Fixtures.secret()), account(Fixtures.secret()));
        try (KafkaProbe rotations = KafkaProbe.on(Topics.TOKEN)) {
            appIds.forEach(appId -> accessToken(replicas.get(0), appId));

            // 45 s of both clocks, a second at a time. After each step the scheduler has renewed whatever came due
            // (the event this waits for), then callers of both replicas ask: each gets a live token WeChat accepts.
            for (int second = 0; second < 45; second++) {
                advanceTime(Duration.ofSeconds(1));
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> appIds.stream().noneMatch(ScheduledRefreshIT::due));
                for (String appId : appIds) {
                    Instant asked = TestClock.INSTANCE.instant();
                    Map<String, Object> served = accessToken(replicas.get(second % 2), appId);
                    assertThat(Instant.parse((String) served.get("expiresAt"))).isAfter(asked.plusSeconds(1));
                    // 40003 (no such follower) means WeChat accepted the token itself.
                    assertThat(sendWith((String) served.get("accessToken"))).isEqualTo(40003);
                }
            }

            for (String appId : appIds) {
                List<Instant> calls = stableTokenCalls(appId);
                long version = credentials(appId).getLong("version");
                assertThat(calls)
                        .as("45 s and more of 20 s tokens renewed ~12 s after issue")
                        .hasSizeGreaterThanOrEqualTo(4);
                assertThat(version).as("every WeChat call became a version").isEqualTo(calls.size());
                for (int i = 1; i < calls.size(); i++) {
                    assertThat(Duration.between(calls.get(i - 1), calls.get(i)))
                            .as("one call per lifetime, never a second one for the same token, and the next one "
                                    + "before the token became unservable")
                            .isBetween(
                                    LIFETIME.minus(MARGIN).minus(JITTER).minusSeconds(1), LIFETIME.minus(SERVE_MARGIN));
                }
                List<ConsumerRecord<String, byte[]>> notices =
                        rotations.awaitMatching(r -> appId.equals(r.key()), (int) version, Duration.ofSeconds(10));
                assertThat(notices)
                        .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                                .contains("\"credential\":\"ACCESS_TOKEN\"")
                                .doesNotContain("accessToken"));
            }
        }
    }

    @Test
    void aJsapiTicketIsRefreshedBeforeItExpiresLikeTheAccessToken() {
        String appId = account(Fixtures.secret());
        Map<String, Object> first = replicas.get(1)
                .get()
                .uri("/internal/v1/accounts/{a}/jsapi-ticket", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
        assertThat(first.get("version")).isEqualTo(1);

        Document ticket = credential(appId + "|JSAPI_TICKET");
        Instant refreshAt = ticket.getDate("refreshAt").toInstant();
        assertThat(refreshAt)
                .isBetween(
                        ticket.getDate("expiresAt").toInstant().minus(MARGIN).minus(JITTER),
                        ticket.getDate("expiresAt").toInstant().minus(MARGIN));
        advanceTime(untilAfter(refreshAt));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> credential(appId + "|JSAPI_TICKET").getLong("version") == 2L);

        Map<String, Object> second = replicas.get(0)
                .get()
                .uri("/internal/v1/accounts/{a}/jsapi-ticket", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
        assertThat(second.get("version")).isEqualTo(2);
        assertThat(second.get("ticket")).isNotEqualTo(first.get("ticket"));
        assertThat(apiCalls(appId))
                .filteredOn(call -> "ticket/getticket".equals(call.get("api")))
                .hasSize(2);
    }

    @Test
    void aLeaseLeftByAReplicaThatDiedMidRefreshIsTakenOverOnceItRunsOut() {
        String appId = account(Fixtures.secret());
        accessToken(replicas.get(0), appId);
        Instant now = TestClock.INSTANCE.instant();
        // What a replica killed between claiming and storing leaves behind: a due credential with its lease.
        Mono.from(credentials.updateOne(
                        new Document("_id", appId + "|ACCESS_TOKEN"),
                        new Document(
                                "$set",
                                new Document("refreshAt", Date.from(now))
                                        .append(
                                                "lease",
                                                new Document("owner", "crashed-replica")
                                                        .append("until", Date.from(now.plus(LEASE)))))))
                .block(Duration.ofSeconds(5));

        // Nobody takes over while the lease holds ...
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> "crashed-replica"
                                .equals(credentials(appId)
                                        .get("lease", Document.class)
                                        .getString("owner"))
                        && credentials(appId).getLong("version") == 1L);
        // ... and one replica does once it ran out.
        advanceTime(LEASE);
        await().atMost(Duration.ofSeconds(15)).until(() -> credentials(appId).getLong("version") == 2L);

        assertThat(stableTokenCalls(appId)).hasSize(2);
        assertThat(credentials(appId).get("lease")).isNull();
        assertThat(accessToken(replicas.get(1), appId).get("version")).isEqualTo(2);
    }

    @Test
    void aSecretWeChatNoLongerAcceptsMarksTheAccountAndStopsItsRefreshes() {
        String tenantId = Fixtures.tenantId();
        String appId = account(tenantId, Fixtures.secret());
        accessToken(replicas.get(0), appId);
        try (KafkaProbe accountEvents = KafkaProbe.on(Topics.ACCOUNT)) {
            // Someone reset the AppSecret in WeChat's console.
            wechat.patch()
                    .uri("/sandbox/accounts/{a}", appId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("secret", Fixtures.secret()))
                    .retrieve()
                    .toBodilessEntity()
                    .block(Duration.ofSeconds(5));

            // The scheduled refresh, when due, meets WeChat's refusal.
            advanceTime(untilAfter(credentials(appId).getDate("refreshAt").toInstant()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "INVALID_SECRET"
                            .equals(account(replicas.get(1), tenantId, appId).get("status")));

            ConsumerRecord<String, byte[]> notice = accountEvents
                    .awaitMatching(
                            r -> appId.equals(r.key())
                                    && "io.wxplatform.wx.account.status_changed"
                                            .equals(header(r, CloudEventHeaders.TYPE)),
                            1,
                            Duration.ofSeconds(10))
                    .get(0);
            assertThat(new String(notice.value(), StandardCharsets.UTF_8)).contains("\"status\":\"INVALID_SECRET\"");
            // The one refused refresh is counted, for the TokenRefreshesFailing alert.
            assertThat(Stream.of(first, second)
                            .map(replica -> replica.getBean(MeterRegistry.class)
                                    .find("wx.credentials.refresh.failures")
                                    .tag("kind", "ACCESS_TOKEN")
                                    .tag("category", "CONFIGURATION")
                                    .counter())
                            .filter(Objects::nonNull)
                            .mapToDouble(Counter::count)
                            .sum())
                    .isEqualTo(1.0);
            int callsSoFar = apiCalls(appId).size();
            assertThat(credentials(appId).get("refreshAt")).isNull();
            // A lifetime later the token would long be due: no replica calls WeChat for it any more.
            advanceTime(LIFETIME);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> apiCalls(appId).size() == callsSoFar);
        }
    }

    private static ConfigurableApplicationContext replica() {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.putAll(Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers()),
                Map.entry("wxplatform.mongodb.uri", TestInfrastructure.mongoUri()),
                Map.entry("wxplatform.mongodb.database", DATABASE),
                Map.entry("wxplatform.wechat.base-url", sandbox.baseUrl()),
                Map.entry("wxplatform.internal.auth-token", INTERNAL_TOKEN),
                Map.entry("wxplatform.credentials.refresh-margin", MARGIN.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.refresh-jitter", JITTER.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.serve-margin", SERVE_MARGIN.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.lease", LEASE.toSeconds() + "s"),
                Map.entry("wxplatform.credentials.scan-interval", "200ms")));
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(TokenServiceApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    private static WebClient client(ConfigurableApplicationContext context) {
        return WebClient.builder()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    private static String account(String secret) {
        return account(Fixtures.tenantId(), secret);
    }

    /** Registers a fresh account with WeChat (the sandbox) and with token-service. */
    private static String account(String tenantId, String secret) {
        String appId = Fixtures.appId();
        post(wechat, "/sandbox/accounts", Map.of("appId", appId, "secret", secret));
        post(replicas.get(0), "/api/v1/tenants", Map.of("id", tenantId, "name", "Tenant " + tenantId));
        post(replicas.get(0), "/api/v1/tenants/" + tenantId + "/accounts", Fixtures.account(appId, secret, "tok1"));
        return appId;
    }

    private static void post(WebClient client, String path, Object body) {
        client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody())
                .block(Duration.ofSeconds(10));
    }

    private static Map<String, Object> accessToken(WebClient replica, String appId) {
        return replica.get()
                .uri("/internal/v1/accounts/{a}/access-token", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
    }

    private static Map<String, Object> account(WebClient replica, String tenantId, String appId) {
        return replica.get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", tenantId, appId)
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(10));
    }

    private static Object sendWith(String accessToken) {
        return wechat.post()
                .uri("/cgi-bin/message/custom/send?access_token={t}", accessToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("touser", "o-nobody", "msgtype", "text", "text", Map.of("content", "hi")))
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(5))
                .get("errcode");
    }

    private static List<Map<String, Object>> apiCalls(String appId) {
        return wechat.get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .retrieve()
                .bodyToMono(JSON_LIST)
                .block(Duration.ofSeconds(5));
    }

    /** When WeChat handed out a token for the account (successful stable_token calls). */
    private static List<Instant> stableTokenCalls(String appId) {
        return apiCalls(appId).stream()
                .filter(call -> "stable_token".equals(call.get("api"))
                        && Integer.valueOf(0).equals(call.get("errcode")))
                .map(call -> Instant.parse((String) call.get("at")))
                .toList();
    }

    private static Document credentials(String appId) {
        return credential(appId + "|ACCESS_TOKEN");
    }

    private static Document credential(String id) {
        return Mono.from(credentials.find(new Document("_id", id)).first()).block(Duration.ofSeconds(5));
    }

    /** Whether the account's access token is due (its refreshAt has come on token-service's clock). */
    private static boolean due(String appId) {
        Date refreshAt = credentials(appId).getDate("refreshAt");
        return refreshAt != null && !refreshAt.toInstant().isAfter(TestClock.INSTANCE.instant());
    }

    /** Whole seconds from token-service's now to just past {@code instant}. */
    private static Duration untilAfter(Instant instant) {
        long millis = Duration.between(TestClock.INSTANCE.instant(), instant).toMillis();
        return Duration.ofSeconds(Math.max(0, Math.floorDiv(millis, 1000)) + 1);
    }

    /**
     * Moves token-service's clock and WeChat's together (never back, so no stored expiry ever lies later than
     * WeChat's): tokens come due and expire as if that much time had passed.
     */
    private static void advanceTime(Duration duration) {
        TestClock.INSTANCE.advance(duration);
        post(wechat, "/sandbox/clock/advance", Map.of("seconds", duration.toSeconds()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
