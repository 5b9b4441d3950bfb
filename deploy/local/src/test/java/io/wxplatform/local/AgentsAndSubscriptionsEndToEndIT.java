package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
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
        var consents = Http.get(base + "/subscription-consents/" + account.followerOpenId(), admin);
        assertThat(consents.<List<String>>read("$.subscriptions[*].status")).containsExactly("accept");
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
    }
}
