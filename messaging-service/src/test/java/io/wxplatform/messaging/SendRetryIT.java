package io.wxplatform.messaging;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** WeChat answering "system busy": the send is retried with backoff, and recorded FAILED once the attempts run out. */
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

        String id = send("o-erin");

        awaitMessage(id, "SENT");
        assertThat(wechat.calls("o-erin")).isEqualTo(3);
    }

    @Test
    void aSendStillBusyAfterEveryAttemptIsRecordedFailed() {
        wechat.busyFor("o-frank", Integer.MAX_VALUE);

        String id = send("o-frank");

        assertThat(awaitMessage(id, "FAILED")).containsEntry("errcode", -1).containsEntry("category", "RETRYABLE");
        assertThat(wechat.calls("o-frank")).isEqualTo(3);
    }

    /** The follower writes (the event reaches messaging-service); then a text is sent to them through REST. */
    private String send(String openId) {
        publish(account.events().text(openId, now(), "hello"));
        return (String) await().atMost(DEADLINE)
                .until(
                        () -> messaging
                                .post()
                                .uri(messages() + "/custom")
                                .bodyValue(Conversation.text(openId, "hi"))
                                .exchange()
                                .expectBody(Conversation.JSON)
                                .returnResult(),
                        result -> result.getStatus() == HttpStatus.ACCEPTED)
                .getResponseBody()
                .get("id");
    }

    private Map<String, Object> awaitMessage(String id, String status) {
        return await().atMost(DEADLINE)
                .until(
                        () -> messaging
                                .get()
                                .uri(messages() + "/" + id)
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(Conversation.JSON)
                                .returnResult()
                                .getResponseBody(),
                        message -> status.equals(message.get("status")));
    }

    private String messages() {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/messages";
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
