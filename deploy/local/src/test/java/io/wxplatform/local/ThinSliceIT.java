package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform as separate processes (the same launcher code as the README's run command) against real Kafka,
 * real MongoDB and the sandbox: a follower's "hello" in safe mode crosses every service and opens the window in which
 * the tenant's admin answers with a customer-service message.
 */
class ThinSliceIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    @Test
    void aFollowersHelloInSafeModeCrossesEveryServiceAndIsAnsweredByACustomerServiceMessage() {
        var account = new DemoAccount(
                "e2e-tenant",
                "wx00e2e00000000001",
                "e2e-app-secret-0001",
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-e2e-follower");
        String gateway = platform.gatewayUrl();
        String sandbox = platform.sandboxUrl();

        var admin = Http.bearer(ISSUER.mint("e2e-tenant", "tenant-admin"));

        // Hop 1: an operator creates the tenant, whose admin registers the account in token-service through the
        // gateway (direct mode).
        assertThat(Http.postJson(
                                gateway + "/api/v1/tenants",
                                "{\"id\":\"e2e-tenant\",\"name\":\"E2E\"}",
                                Http.bearer(ISSUER.operator()))
                        .status())
                .isEqualTo(201);
        var registered = Http.postJson(
                gateway + "/api/v1/tenants/e2e-tenant/accounts",
                """
                {"appId":"%s","name":"E2E","type":"SERVICE","verified":true,"appSecret":"%s",
                 "callbackToken":"%s","encodingAesKey":"%s"}""".formatted(account.appId(), account.appSecret(), account.callbackToken(), account.encodingAesKey()),
                admin);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.<Boolean>read("$.appSecretSet")).isTrue();
        assertThat(registered.body())
                .doesNotContain(account.appSecret(), account.encodingAesKey(), "\"" + account.callbackToken() + "\"");
        // The same account exists on the simulated WeChat side, calling back through the gateway in safe mode.
        assertThat(Http.postJson(sandbox + "/sandbox/accounts", """
                {"appId":"%s","secret":"%s","name":"E2E","callbackUrl":"%s/wx/%s/callback","token":"%s",
                 "encodingAesKey":"%s","encryptionMode":"SAFE","type":"SERVICE","verified":true}""".formatted(
                                        account.appId(),
                                        account.appSecret(),
                                        gateway,
                                        account.appId(),
                                        account.callbackToken(),
                                        account.encodingAesKey()))
                        .status())
                .isEqualTo(201);

        try (var inbound = KafkaProbe.on(Topics.INBOUND)) {
            // Hop 2: the follower says hello; the sandbox encrypts and signs the callback as WeChat does.
            var said = Http.postJson(
                    sandbox + "/sandbox/accounts/" + account.appId() + "/followers/" + account.followerOpenId()
                            + "/messages",
                    "{\"msgType\":\"text\",\"content\":\"hello\"}");
            assertThat(said.status()).isEqualTo(200);
            // Hop 3: callback-service verified and decrypted it and answered (success) once the event was durable.
            assertThat(said.<List<?>>read("$.attempts")).hasSize(1);
            assertThat(said.<Integer>read("$.attempts[0].status")).isEqualTo(200);
            assertThat(said.<Boolean>read("$.reply.verified")).isTrue();
            assertThat(said.<Boolean>read("$.reply.empty")).isTrue();
            String msgId = String.valueOf(said.<Object>read("$.msgId"));

            // Hop 4: exactly one event on wx.inbound.v1, keyed per follower, with CloudEvents attributes.
            String key = account.appId() + "|" + account.followerOpenId();
            List<ConsumerRecord<String, byte[]>> records =
                    inbound.awaitMatching(r -> key.equals(r.key()), 1, Duration.ofSeconds(20));
            var record = records.get(0);
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(account.appId() + ":msg:" + msgId);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("io.wxplatform.wx.inbound.text");
            assertThat(header(record, CloudEventHeaders.TENANT_ID)).isEqualTo("e2e-tenant");
            assertThat(header(record, CloudEventHeaders.APP_ID)).isEqualTo(account.appId());
            assertThat(header(record, CloudEventHeaders.SOURCE)).isNotBlank();
            assertThat(header(record, CloudEventHeaders.TIME)).isNotBlank();
            String body = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(body)
                    .contains("\"Content\":\"hello\"")
                    .doesNotContain(account.appSecret(), account.encodingAesKey());

            // Hop 5: the message opened the follower's window in messaging-service; the tenant's admin answers with a
            // customer-service message through the gateway, stored, then sent once to the follower.
            String messages = gateway + "/api/v1/tenants/e2e-tenant/accounts/" + account.appId() + "/messages";
            String welcome =
                    "{\"openId\":\"%s\",\"msgType\":\"text\",\"text\":{\"content\":\"Hello, how can we help?\"}}"
                            .formatted(account.followerOpenId());
            var accepted = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Http.postJson(messages + "/custom", welcome, admin), answer -> answer.status() == 202);
            String statusUrl = gateway + accepted.<String>read("$.statusUrl");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> Http.get(statusUrl, admin).<String>read("$.status"), "SENT"::equals);
            var sent = Http.get(messages, admin);
            assertThat(sent.status()).isEqualTo(200);
            assertThat(sent.<List<String>>read("$.items[*].status")).containsExactly("SENT");

            // Hop 6: the access token came from token-service, which fetched it from the sandbox (version 1 in use).
            var token = Http.get(
                    platform.tokenServiceUrl() + "/internal/v1/accounts/" + account.appId() + "/access-token",
                    Map.of("Authorization", "Bearer " + E2ePlatform.INTERNAL_TOKEN));
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.<Integer>read("$.version")).isEqualTo(1);
            assertThat(Http.get(gateway + "/internal/v1/accounts/" + account.appId() + "/access-token")
                            .status())
                    .isEqualTo(404);

            // Hop 7: user-service recorded the follower from the same event.
            var follower = Http.get(
                    gateway + "/api/v1/tenants/e2e-tenant/accounts/" + account.appId() + "/followers/"
                            + account.followerOpenId(),
                    admin);
            assertThat(follower.status()).isEqualTo(200);
            assertThat(follower.<Boolean>read("$.subscribed")).isTrue();

            // Nothing else was published for this follower, and the inbox holds exactly the one reply.
            assertThat(inbound.drainFor(Duration.ofSeconds(2)))
                    .filteredOn(r -> key.equals(r.key()))
                    .hasSize(1);
            var inbox = Http.get(sandbox + "/sandbox/accounts/" + account.appId() + "/followers/"
                    + account.followerOpenId() + "/inbox");
            assertThat(inbox.<List<String>>read("$[*].content")).containsExactly("Hello, how can we help?");
        }
    }

    @Test
    void anotherTenantCannotSeeTheAccountThroughTheGateway() {
        var account = new DemoAccount(
                "owner-tenant",
                "wx00e2e00000000002",
                "e2e-app-secret-0002",
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-e2e-follower-2");
        String gateway = platform.gatewayUrl();
        account.register(gateway, platform.sandboxUrl(), ISSUER.operator());
        Http.postJson(
                gateway + "/api/v1/tenants",
                "{\"id\":\"other-tenant\",\"name\":\"Other\"}",
                Http.bearer(ISSUER.operator()));
        var otherAdmin = Http.bearer(ISSUER.mint("other-tenant", "tenant-admin"));
        String owned = "/api/v1/tenants/owner-tenant/accounts/" + account.appId();

        var own = Http.get(gateway + owned, Http.bearer(ISSUER.mint("owner-tenant", "tenant-viewer")));
        var other = Http.get(gateway + "/api/v1/tenants/other-tenant/accounts/" + account.appId(), otherAdmin);
        var foreign = Http.get(gateway + owned, otherAdmin);
        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).doesNotContain(account.appId() + "\",\"tenantId");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("\"name\"");
        assertThat(Http.get(gateway + owned).status()).isEqualTo(401);
    }

    @Test
    void theLaunchersDemoRegistersARuleAndSendsItsWelcomeOnceAcrossRestarts() {
        var demo = new DemoAccount(
                "showcase-tenant",
                "wx00e2e00000000003",
                "e2e-app-secret-0003",
                "e2etoken",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                "o-e2e-follower-3");
        String gateway = platform.gatewayUrl();
        String sandbox = platform.sandboxUrl();
        String adminToken = ISSUER.mint("showcase-tenant", "tenant-admin");
        demo.register(gateway, sandbox, ISSUER.operator());

        String status = demo.showcase(gateway, sandbox, adminToken);
        // What a restart of the launcher does again: the same rule and the same message are found, nothing added.
        demo.register(gateway, sandbox, ISSUER.operator());
        assertThat(demo.showcase(gateway, sandbox, adminToken)).isEqualTo(status);

        var admin = Http.bearer(adminToken);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> Http.get(status, admin).<String>read("$.status"), "SENT"::equals);
        var rules = Http.get(gateway + "/api/v1/tenants/showcase-tenant/accounts/" + demo.appId() + "/rules", admin);
        assertThat(rules.<List<String>>read("$.rules[*].trigger.keyword")).containsExactly("hello");
        var inbox = Http.get(
                sandbox + "/sandbox/accounts/" + demo.appId() + "/followers/" + demo.followerOpenId() + "/inbox");
        assertThat(inbox.<List<String>>read("$[?(@.source == 'CUSTOMER_SERVICE')].content"))
                .containsExactly("Welcome! This came through the REST API.");
        assertThat(inbox.<List<String>>read("$[?(@.source == 'PASSIVE_REPLY')].content"))
                .contains("Hello from the wxplatform demo (a reply rule answered you).");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
