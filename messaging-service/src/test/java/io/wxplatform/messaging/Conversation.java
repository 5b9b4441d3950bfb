package io.wxplatform.messaging;

import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A test's view of one account's conversations: followers who write (to the sandbox, as WeChat sees it, and on
 * wx.inbound.v1, as messaging-service learns it), customer-service sends through messaging-service's REST API, and
 * what the sandbox's followers received and which WeChat APIs were called.
 */
record Conversation(TestAccount account, WebTestClient messaging, WebTestClient sandbox) {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    static Conversation with(TestAccount account, int port) {
        WebTestClient messaging = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(messaging);
        return new Conversation(account, messaging, TestAccount.client(RealDependencies.sandboxUrl()));
    }

    String sends() {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/messages";
    }

    /** The follower writes in the sandbox (WeChat's window opens) and the event reaches wx.inbound.v1. */
    void followerWrites(String openId, String content) {
        sandbox.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/messages", account.appId(), openId)
                .bodyValue(Map.of("msgType", "text", "content", content))
                .exchange()
                .expectStatus()
                .isOk();
        Inbound.publish(account.events().text(openId, Instant.now().getEpochSecond(), content));
    }

    EntityExchangeResult<Map<String, Object>> post(Map<String, Object> body, String idempotencyKey) {
        return messaging
                .post()
                .uri(sends() + "/custom")
                .headers(h -> {
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .bodyValue(body)
                .exchange()
                .expectBody(JSON)
                .returnResult();
    }

    /**
     * Posts until the send is accepted: the follower's event may still be on its way to messaging-service, and until
     * it arrives the answer is 409 (which stores nothing and calls nobody).
     */
    Map<String, Object> sendAccepted(Map<String, Object> body, String idempotencyKey) {
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> post(body, idempotencyKey), result -> result.getStatus() == HttpStatus.ACCEPTED)
                .getResponseBody();
    }

    Map<String, Object> sendAccepted(Map<String, Object> body) {
        return sendAccepted(body, null);
    }

    Map<String, Object> status(String id) {
        return messaging
                .get()
                .uri(sends() + "/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    Map<String, Object> awaitStatus(String id, String status) {
        return await().atMost(DEADLINE).until(() -> status(id), found -> status.equals(found.get("status")));
    }

    List<Map<String, Object>> inbox(String openId) {
        return sandbox.get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_LIST)
                .returnResult()
                .getResponseBody();
    }

    List<Map<String, Object>> customerService(String openId) {
        return inbox(openId).stream()
                .filter(entry -> "CUSTOMER_SERVICE".equals(entry.get("source")))
                .toList();
    }

    /** The WeChat customer-service APIs the sandbox saw called for the account (send and typing). */
    List<Map<String, Object>> customerServiceCalls() {
        return sandbox
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_LIST)
                .returnResult()
                .getResponseBody()
                .stream()
                .filter(call -> String.valueOf(call.get("api")).startsWith("message/custom/"))
                .toList();
    }

    static Map<String, Object> text(String openId, String content) {
        return Map.of("openId", openId, "msgType", "text", "text", Map.of("content", content));
    }
}
