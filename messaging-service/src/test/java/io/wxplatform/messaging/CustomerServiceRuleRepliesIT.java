package io.wxplatform.messaging;

import static com.mongodb.client.model.Filters.eq;
import static io.wxplatform.messaging.Conversation.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * Reply rules answered by customer-service message: the follower's event on wx.inbound.v1 (as callback-service
 * publishes it) matches the account's rule and its reply goes through the durable send path to the real sandbox
 * (WeChat), once per event whatever happens to the record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumer must not compete with the one of another test context
class CustomerServiceRuleRepliesIT {

    private static final String CONSUMER = "messaging-service";

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

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

    @Test
    void theRulesReplyReachesTheFollowerOnceEvenWhenTheInboundRecordIsDeliveredTwice() {
        Conversation c = Conversation.with(TestAccount.register(), port);
        createRule(c, Map.of("type", "KEYWORD_EXACT", "keyword", "hours"), "We are open 9 to 5");
        writesInTheSandbox(c, "o-carol", "hours");
        InboundEvent event = c.account().events().text("o-carol", Instant.now().getEpochSecond(), "hours");

        Inbound.publish(event);
        Inbound.publish(event);

        await().atMost(DEADLINE).until(() -> c.customerService("o-carol").size() == 1);
        assertThat(c.customerService("o-carol").get(0)).containsEntry("content", "We are open 9 to 5");
        awaitDone(event);

        // The ledger losing the event (a crash after the send was stored, before the event was marked done) lets
        // the handler run again on the next delivery: the event's idempotency key finds the first send.
        Mono.from(database.getCollection(EventLedger.COLLECTION).deleteOne(eq("_id", CONSUMER + "|" + event.eventId())))
                .block(DEADLINE);
        Inbound.publish(event);
        awaitDone(event);

        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> c.customerService("o-carol").size() == 1);
        List<Map<String, Object>> sends = sends(c, "o-carol");
        assertThat(sends).hasSize(1);
        assertThat(sends.get(0)).containsEntry("status", "SENT").containsEntry("msgType", "text");
        assertThat(c.customerServiceCalls()).hasSize(1);
    }

    @Test
    void aPassiveRuleAndAnUnmatchedMessageSendNothing() {
        Conversation c = Conversation.with(TestAccount.register(), port);
        createRule(c, Map.of("type", "KEYWORD_EXACT", "keyword", "hours"), "We are open 9 to 5");
        c.messaging()
                .post()
                .uri(rules(c))
                .bodyValue(Map.of(
                        "trigger",
                        Map.of("type", "KEYWORD_EXACT", "keyword", "price"),
                        "reply",
                        Map.of("type", "TEXT", "content", "Ten yuan")))
                .exchange()
                .expectStatus()
                .isCreated();
        writesInTheSandbox(c, "o-dan", "price");
        InboundEvent passive = c.account().events().text("o-dan", Instant.now().getEpochSecond(), "price");
        InboundEvent unmatched =
                c.account().events().text("o-dan", Instant.now().getEpochSecond(), "anything");

        Inbound.publish(passive);
        Inbound.publish(unmatched);
        awaitDone(passive);
        awaitDone(unmatched);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> c.customerService("o-dan").isEmpty());
        assertThat(sends(c, "o-dan")).isEmpty();
    }

    @Test
    void aVoiceMessagesRecognitionTextMatchesARuleThatOptedIn() {
        Conversation c = Conversation.with(TestAccount.register(), port);
        createRule(c, Map.of("type", "KEYWORD_CONTAINS", "keyword", "营业时间", "matchVoiceRecognition", true), "九点到五点");
        writesInTheSandbox(c, "o-erin", "营业时间");
        InboundEvent voice = c.account().events().voice("o-erin", Instant.now().getEpochSecond(), "请问营业时间是几点？");

        Inbound.publish(voice);

        await().atMost(DEADLINE).until(() -> c.customerService("o-erin").size() == 1);
        assertThat(c.customerService("o-erin").get(0)).containsEntry("content", "九点到五点");
    }

    private static void createRule(Conversation c, Map<String, Object> trigger, String answer) {
        c.messaging()
                .post()
                .uri(rules(c))
                .bodyValue(Map.of(
                        "trigger",
                        trigger,
                        "reply",
                        Map.of("type", "TEXT", "content", answer),
                        "delivery",
                        "CUSTOMER_SERVICE"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.delivery")
                .isEqualTo("CUSTOMER_SERVICE");
    }

    /** WeChat's side of the follower's message (its window opens there); the event reaches Kafka separately. */
    private static void writesInTheSandbox(Conversation c, String openId, String content) {
        c.sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/messages", c.account().appId(), openId)
                .bodyValue(Map.of("msgType", "text", "content", content))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private void awaitDone(InboundEvent event) {
        await().atMost(DEADLINE)
                .until(
                        () -> Mono.from(database.getCollection(EventLedger.COLLECTION)
                                        .find(eq("_id", CONSUMER + "|" + event.eventId()))
                                        .first())
                                .map(entry -> "DONE".equals(entry.getString("state")))
                                .defaultIfEmpty(false)
                                .block(DEADLINE),
                        done -> done);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sends(Conversation c, String openId) {
        return (List<Map<String, Object>>) c.messaging()
                .get()
                .uri(c.sends() + "?openId=" + openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Conversation.JSON)
                .returnResult()
                .getResponseBody()
                .get("items");
    }

    private static String rules(Conversation c) {
        return "/api/v1/tenants/" + c.account().tenantId() + "/accounts/"
                + c.account().appId() + "/rules";
    }
}
