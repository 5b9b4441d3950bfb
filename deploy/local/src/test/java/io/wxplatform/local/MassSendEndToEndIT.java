package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mass send to a tag through the whole platform: the tenant's admin previews it and sends it through the gateway;
 * the sandbox's tagged followers (only they) receive it, and WeChat's asynchronous MASSSENDJOBFINISH (safe mode,
 * through the gateway and callback-service onto wx.inbound.v1) finishes the job with WeChat's counts.
 */
class MassSendEndToEndIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    @Test
    void aMassSendToATagReachesItsFollowersAndTheFinishEventCompletesTheJob() {
        var account = new DemoAccount(
                "mass-tenant",
                "wx00e2e000000ba5e1",
                "e2e-app-secret-ba5e1",
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-e2e-mass-follower");
        String gateway = platform.gatewayUrl();
        String sandbox = platform.sandboxUrl();
        account.register(gateway, sandbox, ISSUER.operator());
        var admin = Http.bearer(ISSUER.mint("mass-tenant", "tenant-admin"));
        String followers = sandbox + "/sandbox/accounts/" + account.appId() + "/followers";
        // Three followers with WeChat's star tag (2), two without.
        assertThat(Http.postJson(followers + "/bulk", "{\"count\":3,\"openIdPrefix\":\"oStarred\",\"tagIds\":[2]}")
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(followers + "/bulk", "{\"count\":2,\"openIdPrefix\":\"oPlain\"}")
                        .status())
                .isEqualTo(201);
        String starred = "oStarred" + "0".repeat(20);
        String plain = "oPlain" + "0".repeat(22);
        String base = gateway + "/api/v1/tenants/mass-tenant/accounts/" + account.appId() + "/mass-sends";

        // The account becomes known to messaging-service through token-service's notice: retry until it is.
        var preview = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> Http.postJson(
                                base + "/preview",
                                "{\"openId\":\"%s\",\"msgType\":\"text\",\"text\":{\"content\":\"Members' sale\"}}"
                                        .formatted(starred),
                                admin),
                        answer -> answer.status() == 200);
        assertThat(preview.<String>read("$.msgId")).isNotBlank();
        var accepted = Http.postJson(
                base, "{\"tagId\":2,\"msgType\":\"text\",\"text\":{\"content\":\"Members' sale\"}}", admin);
        assertThat(accepted.status()).isEqualTo(202);
        String statusUrl = gateway + accepted.<String>read("$.statusUrl");

        var finished = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(statusUrl, admin), answer -> "FINISHED".equals(answer.read("$.status")));
        assertThat(finished.<Integer>read("$.progress.sentCount")).isEqualTo(3);
        assertThat(finished.<Integer>read("$.progress.totalCount")).isEqualTo(3);
        assertThat(finished.<List<String>>read("$.batches[*].status")).containsExactly("DELIVERED");
        var inbox = Http.get(followers + "/" + starred + "/inbox");
        // The preview and the send.
        assertThat(inbox.<List<String>>read("$[?(@.source == 'MASS')].content"))
                .containsExactly("Members' sale", "Members' sale");
        assertThat(Http.get(followers + "/" + plain + "/inbox").<List<String>>read("$[?(@.source == 'MASS')]"))
                .isEmpty();
        assertThat(Http.get(base, admin).<Integer>read("$.total")).isEqualTo(1);
    }
}
