package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscription notifications and the hand-over to customer-service agents through the whole platform: the follower's
 * popup choice (pushed by the sandbox through the gateway and callback-service onto wx.inbound.v1) is what lets a
 * notification through; a reply rule created through the gateway answers a follower's keyword with WeChat's
 * transfer_customer_service reply, which puts the follower on the agents' waiting list.
 */
class AgentsAndSubscriptionsEndToEndIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    private static DemoAccount register(String tenant, String appId, String openId) {
        var account = new DemoAccount(
                tenant,
                appId,
                "e2e-app-secret-" + appId,
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                openId);
        account.register(platform.gatewayUrl(), platform.sandboxUrl(), ISSUER.operator());
        assertThat(Http.postJson(follower(account) + "/messages", "{\"msgType\":\"text\",\"content\":\"hi\"}")
                        .status())
                .isEqualTo(200);
        return account;
    }

    private static String follower(DemoAccount account) {
        return platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/"
                + account.followerOpenId();
    }

    private static long bizsendCalls(DemoAccount account) {
        return Http.get(platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/api-calls")
                .<List<String>>read("$[*].api")
                .stream()
                .filter("message/subscribe/bizsend"::equals)
                .count();
    }

    /** The sandbox's agent control is a PUT; answers its status. */
    private static int put(String url, String json) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(20))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNotificationReachesOnlyAFollowerWhoAcceptedAndIsDeliveredWhenWeChatSaysSo() {
        var account = register("subscription-tenant", "wx00e2e00000007f01", "o-e2e-subscriber");
        var admin = Http.bearer(ISSUER.mint("subscription-tenant", "tenant-admin"));
        String base = platform.gatewayUrl() + "/api/v1/tenants/subscription-tenant/accounts/" + account.appId();
        // The account becomes known to messaging-service through token-service's notice: retry until it is.
        var added = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.postJson(
                                base + "/subscription-templates", "{\"tid\":\"1001\",\"keywordIds\":[1,2]}", admin),
                        answer -> answer.status() == 201);
        String templateId = added.read("$.templateId");
        String notification = """
                {"openId":"%s","templateId":"%s","page":"https://example.com/orders/42",
                 "data":{"thing1":{"value":"Coffee"},"phrase2":{"value":"Shipped"}}}""".formatted(account.followerOpenId(), templateId);

        var refused = Http.postJson(base + "/messages/subscription", notification, admin);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.<String>read("$.code")).isEqualTo("NO_SUBSCRIPTION_CONSENT");
        assertThat(bizsendCalls(account)).isZero();

        var popup = Http.postJson(
                follower(account) + "/subscription-popup",
                "{\"templateIds\":[\"%s\"],\"accept\":true}".formatted(templateId));
        assertThat(popup.<Boolean>read("$.answered")).isTrue();
        // The choice travels over Kafka to messaging-service: the send is accepted once it arrived.
        var accepted = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.postJson(base + "/messages/subscription", notification, admin),
                        answer -> answer.status() != 409);
        assertThat(accepted.status()).isEqualTo(202);
        String statusUrl = platform.gatewayUrl() + accepted.<String>read("$.statusUrl");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(statusUrl, admin).<String>read("$.status"), "DELIVERED"::equals);
        var inbox = Http.get(follower(account) + "/inbox");
        assertThat(inbox.<List<Map<String, Object>>>read("$[?(@.source == 'SUBSCRIPTION')].payload"))
                .singleElement()
                .satisfies(payload -> assertThat(payload.toString()).contains("Coffee"));
        assertThat(bizsendCalls(account)).isOne();

        // A one-time template's accept allows one notification: WeChat refuses the next with 43101, which records
        // the consent as rejected, and the one after is refused before any call.
        var second = Http.postJson(base + "/messages/subscription", notification, admin);
        assertThat(second.status()).isEqualTo(202);
        String secondUrl = platform.gatewayUrl() + second.<String>read("$.statusUrl");
        var failed = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(secondUrl, admin), answer -> "FAILED".equals(answer.read("$.status")));
        assertThat(failed.<Integer>read("$.errcode")).isEqualTo(43101);
        // The dispatcher records the reject right after the send's outcome.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> Http.get(base + "/subscription-consents/" + account.followerOpenId(), admin)
                                .<List<String>>read("$.subscriptions[*].source"),
                        sources -> sources.equals(List.of("WECHAT_43101")));
        assertThat(Http.postJson(base + "/messages/subscription", notification, admin)
                        .status())
                .isEqualTo(409);
        assertThat(bizsendCalls(account)).isEqualTo(2);
    }

    @Test
    void aKeywordRuleHandsTheFollowerToTheAgents() {
        var account = register("agents-tenant", "wx00e2e00000007f02", "o-e2e-wants-a-human");
        var admin = Http.bearer(ISSUER.mint("agents-tenant", "tenant-admin"));
        String base = platform.gatewayUrl() + "/api/v1/tenants/agents-tenant/accounts/" + account.appId();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.postJson(base + "/rules", """
                        {"trigger":{"type":"KEYWORD_EXACT","keyword":"human"},
                         "reply":{"type":"TRANSFER_CUSTOMER_SERVICE"}}""", admin).status(), status -> status == 201);

        // The rule set reaches callback-service over Kafka: the follower asks until the rule answers.
        var replied = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.postJson(
                                follower(account) + "/messages", "{\"msgType\":\"text\",\"content\":\"human\"}"),
                        answer -> !answer.<Boolean>read("$.reply.empty"));

        assertThat(replied.<Boolean>read("$.reply.verified")).isTrue();
        assertThat(replied.<String>read("$.reply.msgType")).isEqualTo("transfer_customer_service");
        var waiting = Http.get(base + "/agent-waitlist", admin);
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.<List<String>>read("$.waiting[*].openId")).containsExactly(account.followerOpenId());

        // An agent who is bound and online takes the follower; WeChat's kf_create_session reaches the session records.
        assertThat(Http.postJson(base + "/agents", "{\"kfAccount\":\"alice@e2e\",\"nickname\":\"Alice\"}", admin)
                        .status())
                .isEqualTo(201);
        assertThat(put(
                        platform.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/agents/alice@e2e",
                        "{\"bound\":true,\"online\":true}"))
                .isEqualTo(200);
        var session = Http.postJson(
                base + "/agent-sessions",
                "{\"kfAccount\":\"alice@e2e\",\"openId\":\"%s\"}".formatted(account.followerOpenId()),
                admin);
        assertThat(session.status()).isEqualTo(201);
        assertThat(session.<String>read("$.kfAccount")).isEqualTo("alice@e2e");
        var recorded = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.get(base + "/agent-sessions", admin),
                        answer -> !answer.<List<Object>>read("$.sessions").isEmpty());
        assertThat(recorded.<List<String>>read("$.sessions[*].kfAccount")).containsExactly("alice@e2e");
        assertThat(recorded.<List<Boolean>>read("$.sessions[*].open")).containsExactly(true);
        assertThat(Http.get(base + "/agent-waitlist", admin).<Integer>read("$.count"))
                .isZero();
    }
}
