package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxplatform.callback.durability.KafkaSender;
import io.wxplatform.callback.durability.OutboxEmptiness;
import io.wxplatform.callback.durability.OutboxProperties;
import io.wxplatform.callback.durability.OutboxRelay;
import io.wxplatform.callback.durability.OutboxStore;
import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Kafka unreachable, MongoDB up: callbacks are stored in the outbox before WeChat hears {@code success}, and relays
 * that can reach Kafka publish each of them exactly once, in the follower's order.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "wxplatform.callback.kafka-budget=1s",
            "wxplatform.callback.outbox.relay-enabled=false",
            "wxplatform.mongodb.database=" + KafkaUnreachableIT.DATABASE
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Closed when done: its producers and admin client would go on reconnecting to the unreachable broker.
@DirtiesContext
class KafkaUnreachableIT {

    static final String DATABASE = "wx_callback_outbox_it";

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    MongoClient mongo;
    MongoCollection<Document> outbox;
    WebTestClient client;
    TestAccount account;

    @BeforeAll
    void setUp() {
        mongo = MongoClients.create(RealPlatform.get().mongoUri());
        outbox = mongo.getDatabase(DATABASE).getCollection(OutboxStore.COLLECTION);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        account = new Registration(RealPlatform.get()).inTokenService(TestAccount.random(EncryptionMode.SAFE));
    }

    @AfterAll
    void tearDown() {
        mongo.close();
    }

    @Test
    void aCallbackKafkaCannotTakeIsInTheOutboxBeforeWeChatHearsSuccess() {
        String openId = TestAccount.openId();
        long started = System.nanoTime();

        Callbacks.post(client, account, Callbacks.text(account, openId, 42L, Instant.now()))
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("success");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        Document stored = Mono.from(outbox.find(Filters.eq("_id", account.appId() + ":msg:42"))
                        .first())
                .block();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("topic")).isEqualTo(Topics.INBOUND);
        assertThat(stored.getString("key")).isEqualTo(account.appId() + "|" + openId);
        assertThat(stored.get("headers", Document.class).getString("ce_id")).isEqualTo(account.appId() + ":msg:42");
        assertThat(stored.get("headers", Document.class).getString("ce_tenantid"))
                .isEqualTo(account.tenantId());
        assertThat(stored.getInteger("attempts")).isZero();
        assertThat(stored.getDate("createdAt")).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.get("wx.callback.outbox.depth").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("wx.callback.outbox.oldest.age").gauge().value())
                    .isGreaterThan(0);
        });
    }

    @Test
    void aWeChatRetryOfAnEventInTheOutboxIsStoredOnce() {
        SignedCallback callback = Callbacks.text(account, TestAccount.openId(), 43L, Instant.now());

        for (int attempt = 0; attempt < 3; attempt++) {
            Callbacks.post(client, account, callback).expectStatus().isOk();
        }

        assertThat(Mono.from(outbox.countDocuments(Filters.eq("_id", account.appId() + ":msg:43")))
                        .block())
                .isEqualTo(1);
    }

    @Test
    void twoRelaysPublishEachOutboxEventOnceAndInTheFollowersOrder() {
        String openId = TestAccount.openId();
        String key = account.appId() + "|" + openId;
        Instant now = Instant.now();
        for (long msgId = 101; msgId <= 105; msgId++) {
            Callbacks.post(client, account, Callbacks.text(account, openId, msgId, now.plusMillis(msgId)))
                    .expectStatus()
                    .isOk();
        }
        assertThat(Mono.from(outbox.countDocuments(Filters.eq("key", key))).block())
                .isEqualTo(5);

        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            List<OutboxRelay> relays = List.of(relayToRealKafka(), relayToRealKafka());
            relays.forEach(OutboxRelay::start);
            try {
                inbound.awaitMatching(r -> key.equals(r.key()), 5, Duration.ofSeconds(30));
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> Mono.from(outbox.countDocuments(Filters.eq("key", key)))
                                        .block()
                                == 0);

                assertThat(inbound.drainFor(Duration.ofSeconds(2)).stream()
                                .filter(r -> key.equals(r.key()))
                                .map(r -> new String(
                                        r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)))
                        .containsExactly(
                                account.appId() + ":msg:101",
                                account.appId() + ":msg:102",
                                account.appId() + ":msg:103",
                                account.appId() + ":msg:104",
                                account.appId() + ":msg:105");
            } finally {
                relays.forEach(OutboxRelay::stop);
            }
        }
    }

    /** Another instance's relay: same outbox, a producer to the Kafka that is reachable. */
    private OutboxRelay relayToRealKafka() {
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                KafkaDefaults.producer(RealPlatform.get().kafkaBootstrapServers())));
        OutboxProperties properties = new OutboxProperties(
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                true,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                500,
                Duration.ofMillis(150));
        return new OutboxRelay(
                new OutboxStore(mongo.getDatabase(DATABASE)),
                new KafkaSender(kafka, Clock.systemUTC()),
                properties,
                new OutboxEmptiness(Clock.systemUTC(), properties.trustEmptyFor()),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }
}
