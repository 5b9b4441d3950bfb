package io.wxplatform.messaging;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A follower's text on wx.inbound.v1 answered through the real sandbox (WeChat) with a token from the real
 * token-service, both running as their own processes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumer must not compete with the one of another test context
class AutoReplyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private WebTestClient messaging;
    private WebTestClient sandbox;
    private TestAccount account;
    private InboundEvents events;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @BeforeEach
    void registerAccount() {
        sandbox = TestAccount.client(RealDependencies.sandboxUrl());
        account = TestAccount.register();
        messaging = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(messaging);
        events = account.events();
    }

    @Test
    void aFollowersTextIsAnsweredWithTheDefaultReplyAndRecordedSent() {
        followerWrites("o-alice", "hello");

        publish(events.text("o-alice", now(), "hello"));

        assertThat(awaitCustomerServiceTexts("o-alice", 1)).containsExactly("Received: hello");
        await().atMost(DEADLINE)
                .untilAsserted(() -> messaging
                        .get()
                        .uri(
                                "/api/v1/tenants/{t}/accounts/{a}/messages?openId=o-alice",
                                account.tenantId(),
                                account.appId())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.total")
                        .isEqualTo(1)
                        .jsonPath("$.items[0].status")
                        .isEqualTo("SENT")
                        .jsonPath("$.items[0].msgType")
                        .isEqualTo("text")
                        .jsonPath("$.items[0].content")
                        .isEqualTo("Received: hello")
                        .jsonPath("$.items[0].tenantId")
                        .isEqualTo(account.tenantId()));
    }

    @Test
    void theSameEventDeliveredThreeTimesIsAnsweredOnce() {
        followerWrites("o-bob", "hi");
        InboundEvent hi = events.text("o-bob", now(), "hi");

        publish(hi);
        publish(hi);
        publish(hi);
        // A later event of the same follower shares the partition: once it is answered, the copies were handled.
        publish(events.text("o-bob", now(), "marker"));

        assertThat(awaitCustomerServiceTexts("o-bob", 2)).containsExactly("Received: hi", "Received: marker");
    }

    @Test
    void aFollowerOutsideTheWindowIsRecordedFailedWithoutRetry() {
        sandbox.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/events", account.appId(), "o-carol")
                .bodyValue(Map.of("event", "subscribe"))
                .exchange()
                .expectStatus()
                .isOk();
        // A subscribe opens WeChat's short event window only; let it close.
        sandbox.post()
                .uri("/sandbox/clock/advance")
                .bodyValue(Map.of("seconds", 120))
                .exchange()
                .expectStatus()
                .isOk();
        double windowRefusalsBefore = windowRefusals();

        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            publish(events.text("o-carol", now(), "anyone there?"));

            await().atMost(DEADLINE)
                    .untilAsserted(() -> messaging
                            .get()
                            .uri("/api/v1/tenants/{t}/accounts/{a}/messages", account.tenantId(), account.appId())
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody()
                            .jsonPath("$.total")
                            .isEqualTo(1)
                            .jsonPath("$.items[0].status")
                            .isEqualTo("FAILED")
                            .jsonPath("$.items[0].errcode")
                            .isEqualTo(45015)
                            .jsonPath("$.items[0].category")
                            .isEqualTo("WINDOW"));
            String key = account.appId() + "|o-carol";
            assertThat(dlq.drainFor(Duration.ofSeconds(2))).noneMatch(record -> key.equals(record.key()));
        }
        assertThat(windowRefusals() - windowRefusalsBefore).isEqualTo(1.0);
        assertThat(inbox("o-carol")).noneMatch(entry -> "CUSTOMER_SERVICE".equals(entry.get("source")));
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithTheErrorAttached() {
        String key = account.appId() + "|o-poison";
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            Inbound.send(new ProducerRecord<>(Topics.INBOUND, key, "{\"eventId\":".getBytes(StandardCharsets.UTF_8)));

            ConsumerRecord<String, byte[]> letter =
                    dlq.awaitMatching(r -> key.equals(r.key()), 1, DEADLINE).get(0);

            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":");
            assertThat(header(letter, EventRecords.DLQ_ERROR_CLASS)).endsWith("UnreadableRecordException");
            assertThat(header(letter, EventRecords.DLQ_ERROR_MESSAGE)).isNotBlank();
        }
    }

    @Test
    void messagesOfAnAccountAreVisibleOnlyToItsTenant() {
        followerWrites("o-dave", "hey");
        publish(events.text("o-dave", now(), "hey"));
        awaitCustomerServiceTexts("o-dave", 1);

        TestAccount.client("http://localhost:" + port, TestIssuer.shared().mint("someone-else", "tenant-admin"))
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}/messages", "someone-else", account.appId())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND")
                .jsonPath("$.items")
                .doesNotExist();
    }

    /** The follower writes in the sandbox, which opens WeChat's 48-hour window; the callback itself goes nowhere. */
    private void followerWrites(String openId, String content) {
        sandbox.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/messages", account.appId(), openId)
                .bodyValue(Map.of("msgType", "text", "content", content))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private List<String> awaitCustomerServiceTexts(String openId, int count) {
        List<String> texts = await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> customerServiceTexts(openId), received -> received.size() >= count);
        // Nothing more may follow: give a straggler the time of a few handling rounds to show up.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> customerServiceTexts(openId).size() == count);
        return texts;
    }

    private List<String> customerServiceTexts(String openId) {
        return inbox(openId).stream()
                .filter(entry -> "CUSTOMER_SERVICE".equals(entry.get("source")))
                .map(entry -> String.valueOf(entry.get("content")))
                .toList();
    }

    private List<Map<String, Object>> inbox(String openId) {
        return sandbox.get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
    }

    private double windowRefusals() {
        var counter = meters.find("wx.messaging.send.attempts")
                .tag("result", "WINDOW")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
