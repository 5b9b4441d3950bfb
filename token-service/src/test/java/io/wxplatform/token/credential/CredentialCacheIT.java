package io.wxplatform.token.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.TokenRotated;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TestClockConfiguration;
import io.wxplatform.token.TokenServiceApplication;
import io.wxplatform.token.TokenServiceITSupport;
import io.wxplatform.token.secret.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The per-replica credential cache, seen from outside: one token-service context whose MongoDB client records every
 * command, on a database of its own. Another replica's work is played by what it leaves behind: a document written
 * directly and its notice on Kafka. The serve margin is most of a token's life here (tokens live 7,200 s, the margin
 * is 7,100 s), so moving {@link TestClock} 101 s makes a cached token too old to serve.
 */
class CredentialCacheIT {

    private static final Duration SERVE_MARGIN = Duration.ofSeconds(7100);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
            new ParameterizedTypeReference<>() {};
    /** The {@code _id} of every {@code find} by id the service sent. */
    private static final Queue<String> reads = new ConcurrentLinkedQueue<>();

    private static ConfigurableApplicationContext replica;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>();
        TokenServiceITSupport.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(
                "--server.port=0",
                "--wxplatform.mongodb.database=wx_token_cache_it",
                "--wxplatform.credentials.serve-margin=" + SERVE_MARGIN.toSeconds() + "s",
                // The scheduler stays out of it: nothing comes due within a test.
                "--wxplatform.credentials.refresh-margin=60s",
                "--wxplatform.credentials.refresh-jitter=0s",
                // Only notices may invalidate an entry within a test.
                "--wxplatform.credentials.cache.max-age=1h"));
        replica = new SpringApplicationBuilder(
                        TokenServiceApplication.class, TestClockConfiguration.class, CountingMongo.class)
                .run(args.toArray(String[]::new));
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + replica.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(15))
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replica.getBean("tokenRotationNotices", TopicConsumer.class)
                                .isAssigned()
                        && replica.getBean("accountChangeNotices", TopicConsumer.class)
                                .isAssigned());
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void aSecondLookupReadsNothingFromMongoDb() {
        String appId = registered();
        Map<String, Object> first = accessToken(appId);
        assertThat(lookupReads(appId)).isPositive();
        long readsAfterFirst = lookupReads(appId);
        double hitsBefore = cacheHits();

        for (int i = 0; i < 5; i++) {
            assertThat(accessToken(appId)).isEqualTo(first);
        }
        assertThat(lookupReads(appId)).isEqualTo(readsAfterFirst);
        assertThat(cacheHits()).isGreaterThanOrEqualTo(hitsBefore + 5);
    }

    private static double cacheHits() {
        return replica.getBean(MeterRegistry.class)
                .get("wx.credentials.cache.lookups")
                .tag("result", "hit")
                .counter()
                .count();
    }

    @Test
    void aRotationByAnotherReplicaIsServedOnceItsNoticeArrives() {
        String appId = registered();
        Map<String, Object> first = accessToken(appId);
        Instant expiresAt = Instant.parse((String) first.get("expiresAt"));

        // Another replica stores version 2 ...
        String id = appId + "|ACCESS_TOKEN";
        Mono.from(database()
                        .getCollection("credentials")
                        .updateOne(
                                new Document("_id", id),
                                new Document(
                                        "$set",
                                        new Document("version", 2L)
                                                .append(
                                                        "value",
                                                        replica.getBean(SecretBox.class)
                                                                .seal("other-replicas-token", id)
                                                                .toDocument()))))
                .block(Duration.ofSeconds(5));
        // ... which this one does not read before it hears of it ...
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> accessToken(appId).get("version").equals(1));
        // ... from its notice.
        publish(EventRecords.token(
                new TokenRotated(appId, TokenRotated.ACCESS_TOKEN, 2, expiresAt), TestClock.INSTANCE.instant()));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> accessToken(appId).get("version").equals(2));
        assertThat(accessToken(appId).get("accessToken")).isEqualTo("other-replicas-token");
    }

    @Test
    void anAccountSuspendedThroughAnotherReplicaIsRefusedOnceItsNoticeArrives() {
        String appId = registered();
        accessToken(appId);
        Document account = rawAccount(appId);

        Mono.from(database()
                        .getCollection("accounts")
                        .updateOne(
                                new Document("_id", appId), new Document("$set", new Document("status", "SUSPENDED"))))
                .block(Duration.ofSeconds(5));
        publish(EventRecords.account(new AccountEvent(
                AccountEvent.SUSPENDED,
                account.getString("tenantId"),
                appId,
                account.getString("mode"),
                "SUSPENDED",
                TestClock.INSTANCE.instant().truncatedTo(ChronoUnit.MILLIS))));

        await().atMost(Duration.ofSeconds(15)).until(() -> tokenStatus(appId) == 409);
        tokenLookup(appId).exchange().expectBody().jsonPath("$.code").isEqualTo("ACCOUNT_NOT_ACTIVE");
    }

    @Test
    void anAccountSuspendedThroughThisReplicaIsRefusedAtOnce() {
        String appId = registered();
        accessToken(appId);
        http.post()
                .uri(
                        "/api/v1/tenants/{t}/accounts/{a}:suspend",
                        rawAccount(appId).getString("tenantId"),
                        appId)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(tokenStatus(appId)).isEqualTo(409);
    }

    @Test
    void aCachedTokenIsNeverServedWithLessThanTheServeMarginLeft() {
        String appId = registered();
        assertThat(accessToken(appId).get("version")).isEqualTo(1);

        TestClock.INSTANCE.advance(Duration.ofSeconds(101));

        Map<String, Object> next = accessToken(appId);
        assertThat(next.get("version")).isEqualTo(2);
        assertThat(Instant.parse((String) next.get("expiresAt")).minus(SERVE_MARGIN))
                .isAfter(TestClock.INSTANCE.instant());
    }

    @Test
    void aCachedJsapiTicketIsServedWithoutAMongoDbRead() {
        String appId = registered();
        Map<String, Object> first = tokenLookup(appId, "jsapi-ticket")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
        long readsAfterFirst = lookupReads(appId);

        assertThat(tokenLookup(appId, "jsapi-ticket")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON_MAP)
                        .returnResult()
                        .getResponseBody())
                .isEqualTo(first);
        assertThat(lookupReads(appId)).isEqualTo(readsAfterFirst);
    }

    /** Reads by {@code _id} of the account or one of its credentials: what a lookup reads. */
    private static long lookupReads(String appId) {
        return reads.stream()
                .filter(id -> id.equals(appId) || id.startsWith(appId + "|"))
                .count();
    }

    private static String registered() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        Sandbox.registerAccount(appId, secret, "tok1", Fixtures.AES_KEY);
        http.post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .exchange()
                .expectStatus()
                .isCreated();
        http.post()
                .uri("/api/v1/tenants/{t}/accounts", tenantId)
                .bodyValue(Fixtures.account(appId, secret, "tok1"))
                .exchange()
                .expectStatus()
                .isCreated();
        return appId;
    }

    private static WebTestClient.RequestHeadersSpec<?> tokenLookup(String appId) {
        return tokenLookup(appId, "access-token");
    }

    private static WebTestClient.RequestHeadersSpec<?> tokenLookup(String appId, String credential) {
        return http.get()
                .uri("/internal/v1/accounts/{a}/" + credential, appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TokenServiceITSupport.INTERNAL_TOKEN);
    }

    private static Map<String, Object> accessToken(String appId) {
        return tokenLookup(appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
    }

    private static int tokenStatus(String appId) {
        return tokenLookup(appId)
                .exchange()
                .returnResult(Void.class)
                .getStatus()
                .value();
    }

    @SuppressWarnings("unchecked")
    private static void publish(ProducerRecord<String, byte[]> record) {
        KafkaTemplate<String, byte[]> kafka = replica.getBean(KafkaTemplate.class);
        Mono.fromFuture(kafka.send(record)).block(Duration.ofSeconds(10));
    }

    private static Document rawAccount(String appId) {
        return Mono.from(database()
                        .getCollection("accounts")
                        .find(new Document("_id", appId))
                        .first())
                .block(Duration.ofSeconds(5));
    }

    private static MongoDatabase database() {
        return replica.getBean(MongoDatabase.class);
    }

    /** The service's MongoDB client, recording the filter of every {@code find} it sends. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingMongo {

        @Bean(destroyMethod = "close")
        MongoClient countingMongoClient() {
            return MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(TestInfrastructure.mongoUri()))
                    .addCommandListener(new CommandListener() {
                        @Override
                        public void commandStarted(CommandStartedEvent event) {
                            if ("find".equals(event.getCommandName())
                                    && event.getCommand().containsKey("filter")) {
                                BsonValue id =
                                        event.getCommand().getDocument("filter").get("_id");
                                if (id != null && id.isString()) {
                                    reads.add(id.asString().getValue());
                                }
                            }
                        }
                    })
                    .build());
        }
    }
}
