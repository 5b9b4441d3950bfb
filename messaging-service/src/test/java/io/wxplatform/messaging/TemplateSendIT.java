package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Template messages through messaging-service's REST API to the real sandbox (WeChat), tokens from the real
 * token-service; the sandbox's asynchronous TEMPLATESENDJOBFINISH callback reaches wx.inbound.v1 through a small relay
 * standing in for callback-service (it parses the sandbox's XML with wechat-protocol and publishes the event).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumer must not compete with the one of another test context
class TemplateSendIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static CallbackRelay relay;

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
    static void topicsAndRelay() {
        Inbound.createTopics();
        relay = new CallbackRelay();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    /** A verified service account whose sandbox callbacks go to the relay, with one template and one follower. */
    private final class Fixture {
        final TestAccount account;
        final WebTestClient messaging;
        final WebTestClient sandbox = TestAccount.client(RealDependencies.sandboxUrl());
        String templateId;

        Fixture(TestAccount account) {
            this.account = account;
            this.messaging = account.adminClient("http://localhost:" + port);
            account.awaitKnownBy(messaging);
            relay.follow(account, RealDependencies.sandboxUrl());
        }

        Fixture withTemplateAndFollower(String openId) {
            sandbox.post()
                    .uri("/sandbox/accounts/{a}/followers/{o}/messages", account.appId(), openId)
                    .bodyValue(Map.of("msgType", "text", "content", "hello"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            templateId = (String) messaging
                    .post()
                    .uri(base() + "/templates")
                    .bodyValue(Map.of("shortId", "OPENTM0001", "keywordNames", List.of("Order", "Status")))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(Conversation.JSON)
                    .returnResult()
                    .getResponseBody()
                    .get("templateId");
            return this;
        }

        String base() {
            return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        }

        EntityExchangeResult<Map<String, Object>> send(Map<String, Object> body, String idempotencyKey) {
            return messaging
                    .post()
                    .uri(base() + "/messages/template")
                    .headers(h -> {
                        if (idempotencyKey != null) {
                            h.set("Idempotency-Key", idempotencyKey);
                        }
                    })
                    .bodyValue(body)
                    .exchange()
                    .expectBody(Conversation.JSON)
                    .returnResult();
        }

        Map<String, Object> accepted(String openId, String idempotencyKey) {
            EntityExchangeResult<Map<String, Object>> result = send(order(openId), idempotencyKey);
            assertThat(result.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
            return result.getResponseBody();
        }

        Map<String, Object> order(String openId) {
            return Map.of(
                    "openId",
                    openId,
                    "templateId",
                    templateId,
                    "url",
                    "https://example.com/orders/1",
                    "data",
                    Map.of("keyword1", Map.of("value", "Order 1"), "keyword2", Map.of("value", "Shipped")));
        }

        Map<String, Object> status(String id) {
            return messaging
                    .get()
                    .uri(base() + "/messages/" + id)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON)
                    .returnResult()
                    .getResponseBody();
        }

        Map<String, Object> awaitStatus(String id, String status) {
            return await().atMost(DEADLINE).until(() -> status(id), found -> status.equals(found.get("status")));
        }

        List<Map<String, Object>> templatesReceived(String openId) {
            return sandbox
                    .get()
                    .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON_LIST)
                    .returnResult()
                    .getResponseBody()
                    .stream()
                    .filter(entry -> "TEMPLATE".equals(entry.get("source")))
                    .toList();
        }

        long templateSendCalls() {
            return sandbox
                    .get()
                    .uri("/sandbox/accounts/{a}/api-calls", account.appId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON_LIST)
                    .returnResult()
                    .getResponseBody()
                    .stream()
                    .filter(call -> "message/template/send".equals(call.get("api")))
                    .count();
        }
    }

    @Test
    void aTemplateSendReachesTheFollowerAndIsDeliveredWhenWeChatSaysSo() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-alice");

        Map<String, Object> accepted = f.accepted("o-alice", null);

        assertThat(accepted).containsEntry("msgType", "template").containsEntry("status", "ACCEPTED");
        assertThat(accepted.get("statusUrl")).isEqualTo(f.base() + "/messages/" + accepted.get("id"));
        Map<String, Object> delivered = f.awaitStatus((String) accepted.get("id"), "DELIVERED");
        assertThat(delivered).containsKey("wechatMsgId").containsKey("reportedAt");
        assertThat(f.templatesReceived("o-alice"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.get("payload").toString())
                        .contains("Order 1")
                        .contains("client_msg_id=" + accepted.get("id")));
    }

    @Test
    void aRepeatedRequestWithTheSameKeyIsOneMessage() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-bob");

        Map<String, Object> first = f.accepted("o-bob", "order-1-shipped");
        EntityExchangeResult<Map<String, Object>> repeat = f.send(f.order("o-bob"), "order-1-shipped");

        assertThat(repeat.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeat.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.getResponseBody()).containsEntry("id", first.get("id"));
        f.awaitStatus((String) first.get("id"), "DELIVERED");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> f.templatesReceived("o-bob").size() == 1 && f.templateSendCalls() == 1);
    }

    @Test
    void aFollowerWhoUnsubscribedIsRecordedFailedWithWeChats43004() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-carol");
        f.sandbox
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/events", f.account.appId(), "o-carol")
                .bodyValue(Map.of("event", "unsubscribe"))
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> accepted = f.accepted("o-carol", null);

        assertThat(f.awaitStatus((String) accepted.get("id"), "FAILED"))
                .containsEntry("errcode", 43004)
                .containsEntry("category", "INVALID_REQUEST");
        assertThat(f.templatesReceived("o-carol")).isEmpty();
    }

    @Test
    void weChatsNotSubscribedClosesTheStaleWindowOfAFollowerWhoseUnsubscribeWasMissed() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-ivan");
        // messaging-service saw the follower write (the window is open) but never their unsubscribe.
        Conversation c = Conversation.with(f.account, port);
        c.followerWrites("o-ivan", "hello");
        c.awaitStatus(
                (String) c.sendAccepted(Conversation.text("o-ivan", "still there?"))
                        .get("id"),
                "SENT");
        f.sandbox
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/events", f.account.appId(), "o-ivan")
                .bodyValue(Map.of("event", "unsubscribe"))
                .exchange()
                .expectStatus()
                .isOk();

        f.awaitStatus((String) f.accepted("o-ivan", null).get("id"), "FAILED");

        EntityExchangeResult<Map<String, Object>> refused = c.post(Conversation.text("o-ivan", "hello?"), null);
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getResponseBody()).containsEntry("code", "OUTSIDE_WINDOW");
    }

    @Test
    void firstRemarkAndColoursAreRefusedBeforeAnythingIsStoredOrCalled() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-dave");

        for (Map<String, Object> data : List.<Map<String, Object>>of(
                Map.of("first", Map.of("value", "Hello"), "keyword1", Map.of("value", "Order 1")),
                Map.of("keyword1", Map.of("value", "Order 1"), "remark", Map.of("value", "Bye")),
                Map.of("keyword1", Map.of("value", "Order 1", "color", "#FF0000")))) {
            EntityExchangeResult<Map<String, Object>> refused =
                    f.send(Map.of("openId", "o-dave", "templateId", f.templateId, "data", data), null);
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getResponseBody()).containsEntry("code", "WECHAT_LIMIT");
            assertThat(String.valueOf(refused.getResponseBody().get("detail"))).contains("2023-05-04");
        }

        f.messaging
                .get()
                .uri(f.base() + "/messages")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        assertThat(f.templateSendCalls()).isZero();
    }

    @Test
    void anAccountThatMayNotSendTemplatesIsRefusedBeforeAnyCall() {
        TestAccount subscription = TestAccount.register("SUBSCRIPTION", true, "SUBSCRIPTION", true);
        Fixture f = new Fixture(subscription);

        EntityExchangeResult<Map<String, Object>> refused = f.send(
                Map.of("openId", "o-erin", "templateId", "tpl", "data", Map.of("keyword1", Map.of("value", "x"))),
                null);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getResponseBody())
                .containsEntry("code", "WECHAT_PERMISSION")
                .hasEntrySatisfying(
                        "detail", detail -> assertThat(detail.toString()).contains("TEMPLATE_MESSAGES"));
        f.messaging.get().uri(f.base() + "/templates").exchange().expectStatus().isForbidden();
        assertThat(f.templateSendCalls()).isZero();
    }

    @Test
    void theDailySummaryCountsDeliveredAndRefusedSendsOfTheTemplate() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-frank");
        f.sandbox
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/messages", f.account.appId(), "o-grace")
                .bodyValue(Map.of("msgType", "text", "content", "hello"))
                .exchange()
                .expectStatus()
                .isOk();
        f.sandbox
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/template-block", f.account.appId(), "o-grace")
                .bodyValue(Map.of("blocked", true))
                .exchange()
                .expectStatus()
                .isOk();

        String delivered = (String) f.accepted("o-frank", null).get("id");
        String refused = (String) f.accepted("o-grace", null).get("id");

        f.awaitStatus(delivered, "DELIVERED");
        f.awaitStatus(refused, "REFUSED_BY_USER");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        f.messaging
                .get()
                .uri(f.base() + "/templates/" + f.templateId + "/deliveries?from=" + today + "&to=" + today)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.days.length()")
                .isEqualTo(1)
                .jsonPath("$.days[0].day")
                .isEqualTo(today)
                .jsonPath("$.days[0].sent")
                .isEqualTo(2)
                .jsonPath("$.days[0].delivered")
                .isEqualTo(1)
                .jsonPath("$.days[0].refusedByUser")
                .isEqualTo(1)
                .jsonPath("$.days[0].failed")
                .isEqualTo(0);
    }

    @Test
    void templatesAndIndustriesAreWeChats() {
        Fixture f = new Fixture(TestAccount.register()).withTemplateAndFollower("o-heidi");

        f.messaging
                .get()
                .uri(f.base() + "/templates")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.templates[0].templateId")
                .isEqualTo(f.templateId)
                .jsonPath("$.templates[0].content")
                .value(content -> assertThat(content.toString()).contains("Order:{{keyword1.DATA}}"));
        f.messaging
                .put()
                .uri(f.base() + "/template-industry")
                .bodyValue(Map.of("primaryId", 1, "secondaryId", 4))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.primary.firstClass")
                .isEqualTo("IT科技");
        f.messaging
                .delete()
                .uri(f.base() + "/templates/" + f.templateId)
                .exchange()
                .expectStatus()
                .isNoContent();
        f.messaging
                .get()
                .uri(f.base() + "/templates")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.templates.length()")
                .isEqualTo(0);
    }
}
