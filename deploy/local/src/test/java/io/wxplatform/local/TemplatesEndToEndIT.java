package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A template message through the whole platform: the tenant's admin adds a template and sends it through the gateway;
 * the sandbox follower receives it and WeChat's asynchronous TEMPLATESENDJOBFINISH (safe mode, through the gateway and
 * callback-service onto wx.inbound.v1) makes the send DELIVERED and counts it in the template's daily summary.
 */
class TemplatesEndToEndIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    @Test
    void aTemplateMessageIsDeliveredAndCountedThroughEveryService() {
        var account = new DemoAccount(
                "template-tenant",
                "wx00e2e000000000f1",
                "e2e-app-secret-00f1",
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-e2e-template-follower");
        String gateway = platform.gatewayUrl();
        String sandbox = platform.sandboxUrl();
        account.register(gateway, sandbox, ISSUER.operator());
        var admin = Http.bearer(ISSUER.mint("template-tenant", "tenant-admin"));
        assertThat(Http.postJson(
                                sandbox + "/sandbox/accounts/" + account.appId() + "/followers/"
                                        + account.followerOpenId() + "/messages",
                                "{\"msgType\":\"text\",\"content\":\"hi\"}")
                        .status())
                .isEqualTo(200);
        String base = gateway + "/api/v1/tenants/template-tenant/accounts/" + account.appId();

        // The account becomes known to messaging-service through token-service's notice: retry until it is.
        var added = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.postJson(
                                base + "/templates",
                                "{\"shortId\":\"OPENTM0001\",\"keywordNames\":[\"Order\",\"Status\"]}",
                                admin),
                        answer -> answer.status() == 201);
        String templateId = added.read("$.templateId");
        var accepted =
                Http.postJson(base + "/messages/template", """
                {"openId":"%s","templateId":"%s","data":{"keyword1":{"value":"Order 42"},"keyword2":{"value":"Shipped"}}}""".formatted(account.followerOpenId(), templateId), admin);
        assertThat(accepted.status()).isEqualTo(202);
        String statusUrl = gateway + accepted.<String>read("$.statusUrl");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(statusUrl, admin).<String>read("$.status"), "DELIVERED"::equals);
        var inbox = Http.get(
                sandbox + "/sandbox/accounts/" + account.appId() + "/followers/" + account.followerOpenId() + "/inbox");
        assertThat(inbox.<List<String>>read("$[?(@.source == 'TEMPLATE')].msgType"))
                .containsExactly("template");
        var summary = Http.get(base + "/templates/" + templateId + "/deliveries", admin);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.<List<Integer>>read("$.days[*].delivered")).containsExactly(1);
    }
}
