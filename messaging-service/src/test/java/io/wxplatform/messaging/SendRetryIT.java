package io.wxplatform.messaging;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** WeChat answering "system busy": the send is retried with backoff, and parked once the attempts run out. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.inbound.group-id=messaging-service-send-retry-it",
            "wxplatform.mongodb.database=wx_messaging_send_retry_it",
            "wxplatform.messaging.send.max-attempts=3",
            "wxplatform.messaging.send.first-backoff=50ms",
            "wxplatform.messaging.send.max-backoff=200ms"
        })
@DirtiesContext // its consumer must not compete with the one of another test context
class SendRetryIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static BusyWeChat wechat;

    @LocalServerPort
    int port;

    private WebTestClient messaging;
    private TestAccount account;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", () -> wechat.baseUrl());
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    @BeforeAll
    static void start() {
        Inbound.createTopics();
        wechat = new BusyWeChat();
    }

    @AfterAll
    static void stop() {
        wechat.close();
    }

    @BeforeEach
    void registerAccount() {
        account = TestAccount.register();
        messaging = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(messaging);
    }

    @Test
    void aSendMeetingSystemBusyIsRetriedUntilWeChatAcceptsIt() {
        wechat.busyFor("o-erin", 2);

        publish(account.events().text("o-erin", now(), "hello"));

        awaitMessage("o-erin", "SENT");
        assertThat(wechat.calls("o-erin")).isEqualTo(3);
    }

    @Test
    void aSendStillBusyAfterEveryAttemptIsRecordedFailedAndDeadLettered() {
        wechat.busyFor("o-frank", Integer.MAX_VALUE);
        String key = account.appId() + "|o-frank";

        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            publish(account.events().text("o-frank", now(), "hello"));

            ConsumerRecord<String, byte[]> letter =
                    dlq.awaitMatching(r -> key.equals(r.key()), 1, DEADLINE).get(0);
            assertThat(new String(
                            letter.headers()
                                    .lastHeader(EventRecords.DLQ_ERROR_CLASS)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .endsWith("SendAbandonedException");
        }
        awaitMessage("o-frank", "FAILED");
        messaging
                .get()
                .uri(messages("o-frank"))
                .exchange()
                .expectBody()
                .jsonPath("$.items[0].errcode")
                .isEqualTo(-1)
                .jsonPath("$.items[0].category")
                .isEqualTo("RETRYABLE");
        assertThat(wechat.calls("o-frank")).isEqualTo(3);
    }

    private void awaitMessage(String openId, String status) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> messaging
                        .get()
                        .uri(messages(openId))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.total")
                        .isEqualTo(1)
                        .jsonPath("$.items[0].status")
                        .isEqualTo(status));
    }

    private String messages(String openId) {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/messages?openId=" + openId;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
