package io.wxplatform.messaging;

import static io.wxplatform.messaging.Conversation.DEADLINE;
import static io.wxplatform.messaging.Conversation.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Customer-service messages through messaging-service's REST API to the real sandbox (WeChat) with tokens from the
 * real token-service, the follower's window learnt from wx.inbound.v1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumer must not compete with the one of another test context
class CustomerServiceSendIT {

    @LocalServerPort
    int port;

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

    private Conversation conversation() {
        return Conversation.with(TestAccount.register(), port);
    }

    @Test
    void aTextIsStoredAcceptedThenSentOnceToTheFollower() {
        Conversation c = conversation();
        c.followerWrites("o-alice", "hello");

        Map<String, Object> accepted = c.sendAccepted(text("o-alice", "Hi Alice, how can we help?"));

        assertThat(accepted).containsEntry("msgType", "text").containsKey("id");
        assertThat(accepted.get("statusUrl")).isEqualTo(c.sends() + "/" + accepted.get("id"));
        Map<String, Object> sent = c.awaitStatus((String) accepted.get("id"), "SENT");
        assertThat(sent)
                .containsEntry("content", "Hi Alice, how can we help?")
                .containsEntry("attempts", 1)
                .containsKey("finishedAt");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> c.customerService("o-alice").size() == 1);
        assertThat(c.customerService("o-alice").get(0)).containsEntry("content", "Hi Alice, how can we help?");
        c.messaging()
                .get()
                .uri(c.sends() + "?openId=o-alice")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].status")
                .isEqualTo("SENT");
    }

    @Test
    void everyMessageKindAndTheTypingIndicatorReachTheSandboxFollower() {
        Conversation c = conversation();
        Map<String, Map<String, Object>> kinds = new LinkedHashMap<>();
        kinds.put("text", Map.of("content", "hello"));
        kinds.put("image", Map.of("mediaId", "IMG"));
        kinds.put("voice", Map.of("mediaId", "VOICE"));
        kinds.put("video", Map.of("mediaId", "VIDEO", "thumbMediaId", "THUMB", "title", "Clip"));
        kinds.put(
                "music",
                Map.of(
                        "title",
                        "Song",
                        "musicUrl",
                        "http://m.example",
                        "hqMusicUrl",
                        "http://hq",
                        "thumbMediaId",
                        "T"));
        kinds.put("news", Map.of("title", "Open today", "url", "https://example.com/a?b=1&c=2", "picUrl", "https://p"));
        kinds.put("mpnews", Map.of("mediaId", "DRAFT"));
        kinds.put(
                "msgmenu",
                Map.of(
                        "headContent",
                        "Rate us",
                        "items",
                        List.of(Map.of("id", "1", "content", "Good")),
                        "tailContent",
                        "Thanks"));
        kinds.put(
                "miniprogrampage",
                Map.of("title", "Shop", "appId", "wxmini", "pagePath", "pages/index", "thumbMediaId", "T"));
        // A follower's message allows five sends: two followers share the nine kinds (the typing indicator goes to the
        // second, who has some left).
        c.followerWrites("o-kinds-1", "hello");
        c.followerWrites("o-kinds-2", "hello");

        int i = 0;
        for (var kind : kinds.entrySet()) {
            String openId = i++ < 5 ? "o-kinds-1" : "o-kinds-2";
            Map<String, Object> accepted =
                    c.sendAccepted(Map.of("openId", openId, "msgType", kind.getKey(), kind.getKey(), kind.getValue()));
            c.awaitStatus((String) accepted.get("id"), "SENT");
        }

        List<Map<String, Object>> received = new ArrayList<>(c.customerService("o-kinds-1"));
        received.addAll(c.customerService("o-kinds-2"));
        assertThat(received).extracting(entry -> entry.get("msgType")).containsExactlyElementsOf(kinds.keySet());
        assertThat(received.get(5).get("payload"))
                .isEqualTo(Map.of(
                        "articles",
                        List.of(Map.of(
                                "title",
                                "Open today",
                                "url",
                                "https://example.com/a?b=1&c=2",
                                "picurl",
                                "https://p"))));

        c.messaging()
                .post()
                .uri(c.sends() + "/typing")
                .bodyValue(Map.of("openId", "o-kinds-2", "typing", true))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(c.inbox("o-kinds-2"))
                .filteredOn(entry -> "TYPING".equals(entry.get("source")))
                .extracting(entry -> entry.get("msgType"))
                .containsExactly("Typing");
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyReturnsTheFirstSendAndSendsOnce() {
        Conversation c = conversation();
        c.followerWrites("o-bob", "hi");
        Map<String, Object> first = c.sendAccepted(text("o-bob", "Your order shipped"), "order-42-shipped");
        c.awaitStatus((String) first.get("id"), "SENT");

        var again = c.post(text("o-bob", "Your order shipped"), "order-42-shipped");

        assertThat(again.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getResponseBody()).containsEntry("id", first.get("id")).containsEntry("status", "SENT");
        var different = c.post(text("o-bob", "Something else"), "order-42-shipped");
        assertThat(different.getStatus().value()).isEqualTo(422);
        assertThat(different.getResponseBody()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> c.customerServiceCalls().size() == 1);
        assertThat(c.customerService("o-bob")).hasSize(1);
    }

    @Test
    void aSendOutsideTheWindowIsRefusedWithoutCallingWeChat() {
        Conversation c = conversation();
        long subscribedAt = Instant.now().getEpochSecond() - 120;
        c.sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/events", c.account().appId(), "o-carol")
                .bodyValue(Map.of("event", "subscribe"))
                .exchange()
                .expectStatus()
                .isOk();
        // The subscribe opened the one-minute window two minutes ago.
        Inbound.publish(c.account().events().subscribe("o-carol", subscribedAt, null));

        var refused = await().atMost(DEADLINE)
                .until(
                        () -> c.post(text("o-carol", "anyone there?"), null),
                        result -> result.getResponseBody().containsKey("closedAt"));

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseBody())
                .containsEntry("code", "OUTSIDE_WINDOW")
                .containsEntry(
                        "closedAt", Instant.ofEpochSecond(subscribedAt + 60).toString());
        var stranger = c.post(text("o-stranger", "hello?"), null);
        assertThat(stranger.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(stranger.getResponseBody())
                .containsEntry("code", "OUTSIDE_WINDOW")
                .doesNotContainKey("closedAt");
        c.messaging()
                .post()
                .uri(c.sends() + "/typing")
                .bodyValue(Map.of("openId", "o-carol", "typing", true))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> c.customerServiceCalls().isEmpty());
        c.messaging()
                .get()
                .uri(c.sends())
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aFollowersMessageAllowsFiveSendsAndAnUnsubscribeClosesTheWindow() {
        Conversation c = conversation();
        c.followerWrites("o-fay", "hello");
        for (int i = 1; i <= 5; i++) {
            c.sendAccepted(text("o-fay", "answer " + i));
        }

        var sixth = c.post(text("o-fay", "answer 6"), null);

        assertThat(sixth.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(sixth.getResponseBody())
                .containsEntry("code", "OUTSIDE_WINDOW")
                .containsEntry("reason", "the window's allowance of messages is used up");

        long leftAt = Instant.now().getEpochSecond() + 1;
        Inbound.publish(c.account().events().unsubscribe("o-fay", leftAt));
        var afterLeaving = await().atMost(DEADLINE)
                .until(
                        () -> c.post(text("o-fay", "come back"), null),
                        result -> "the follower unsubscribed"
                                .equals(result.getResponseBody().get("reason")));
        assertThat(afterLeaving.getResponseBody())
                .containsEntry("closedAt", Instant.ofEpochSecond(leftAt).toString());
        await().atMost(DEADLINE).until(() -> c.customerService("o-fay").size() == 5);
        assertThat(c.customerServiceCalls()).hasSize(5);
    }

    @Test
    void anUnverifiedSubscriptionAccountIsRefusedByThePermissionTableBeforeAnyCall() {
        Conversation c = Conversation.with(TestAccount.register("SUBSCRIPTION", false, "SUBSCRIPTION", false), port);
        c.followerWrites("o-dora", "hello");

        var refused = c.post(text("o-dora", "hi"), null);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getResponseBody())
                .containsEntry("code", "WECHAT_PERMISSION")
                .containsEntry("accountType", "SUBSCRIPTION")
                .containsEntry("verified", false)
                .containsEntry("apiGroup", "CUSTOMER_SERVICE_MESSAGES");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> c.customerServiceCalls().isEmpty());
    }

    @Test
    void weChatsPermissionRefusalOfAWronglyDeclaredAccountIsRecordedOnTheSend() {
        // Declared a verified service account; WeChat knows an unverified subscription account.
        Conversation c = Conversation.with(TestAccount.register("SERVICE", true, "SUBSCRIPTION", false), port);
        c.followerWrites("o-emil", "hello");

        Map<String, Object> accepted = c.sendAccepted(text("o-emil", "hi"));

        Map<String, Object> failed = c.awaitStatus((String) accepted.get("id"), "FAILED");
        assertThat(failed).containsEntry("errcode", 48001).containsEntry("category", "PERMISSION");
        assertThat((String) failed.get("detail")).contains("CUSTOMER_SERVICE_MESSAGES", "declar");
        assertThat(c.customerServiceCalls())
                .extracting(call -> call.get("errcode"))
                .containsExactly(48001);
    }

    @Test
    void anInvalidMessageNamesItsFields() {
        Conversation c = conversation();
        c.messaging()
                .post()
                .uri(c.sends() + "/custom")
                .bodyValue(Map.of("openId", "o-x", "msgType", "music", "music", Map.of("title", "t")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors['music.musicUrl']")
                .isEqualTo("is required")
                .jsonPath("$.errors['music.thumbMediaId']")
                .isEqualTo("is required");
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithTheErrorAttached() {
        TestAccount account = TestAccount.register();
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
    void sendsOfAnAccountAreVisibleOnlyToItsTenant() {
        Conversation c = conversation();
        c.followerWrites("o-dave", "hey");
        Map<String, Object> accepted = c.sendAccepted(text("o-dave", "hello Dave"));

        TestAccount.client("http://localhost:" + port, TestIssuer.shared().mint("someone-else", "tenant-admin"))
                .get()
                .uri(
                        "/api/v1/tenants/{t}/accounts/{a}/messages/{id}",
                        "someone-else",
                        c.account().appId(),
                        accepted.get("id"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND")
                .jsonPath("$.content")
                .doesNotExist();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** WeChat's permission table for every message API group, in this class's context (saves a context start). */
    @Nested
    class PermissionMatrixOfWeChat extends PermissionMatrix {}
}
