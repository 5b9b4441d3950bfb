package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.wechat.protocol.callback.CallbackRequest;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callback path end to end, every service its own process: WeChat's retries of one callback spread over two
 * callback-service instances change the world once, and a reply rule created through messaging-service's REST API
 * answers followers passively within seconds.
 */
class CallbacksEndToEndIT {

    private static final String TOKEN = "e2etoken";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static E2ePlatform platform;

    /** The shared end-to-end platform, with its second callback-service instance. */
    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get();
    }

    private static String sandboxUrl() {
        return platform.sandboxUrl();
    }

    private static String gatewayUrl() {
        return platform.gatewayUrl();
    }

    @Test
    void threeIdenticalDeliveriesOverTwoInstancesHaveExactlyOneDownstreamEffect() {
        Account account = register("e2e-retries", "wx00e2e00000000a01", "o-e2e-retried-follower");
        String first = platform.callbackServiceUrl() + "/wx/" + account.appId() + "/callback";
        String second = platform.secondCallbackServiceUrl() + "/wx/" + account.appId() + "/callback";
        // As when the URL is configured in WeChat: each instance answers WeChat's URL verification first.
        verifyUrl(first);
        verifyUrl(second);

        try (var inbound = KafkaProbe.on(Topics.INBOUND)) {
            // WeChat's retries: the byte-identical request three times, to instance 1, 2, 1, whatever the answers.
            var said = post(
                    sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + account.openId()
                            + "/messages?awaitMessages=1&timeoutMs=20000",
                    """
                    {"msgType":"text","content":"hello","deliveries":3,"targets":["%s","%s","%s"]}""".formatted(first, second, first),
                    null);

            assertThat(said.status()).isEqualTo(200);
            assertThat(said.<List<Integer>>read("$.attempts[*].status")).containsExactly(200, 200, 200);
            String eventId = account.appId() + ":msg:" + said.read("$.msgId");

            // Every delivery was made durable (so each could be answered success), all under one event id.
            String key = account.appId() + "|" + account.openId();
            List<ConsumerRecord<String, byte[]>> records =
                    inbound.awaitMatching(r -> key.equals(r.key()), 3, Duration.ofSeconds(30));
            assertThat(records.stream()
                            .map(r -> header(r, CloudEventHeaders.ID))
                            .collect(Collectors.toSet()))
                    .isEqualTo(Set.of(eventId));
        }

        // Exactly one effect downstream: one follower, and one message opening one window in messaging-service,
        // which a customer-service send through the REST API then uses.
        String tenantApi = gatewayUrl() + "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        String thanks = "{\"openId\":\"%s\",\"msgType\":\"text\",\"text\":{\"content\":\"Thanks for writing\"}}"
                .formatted(account.openId());
        Answer accepted = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> post(tenantApi + "/messages/custom", thanks, account.adminToken()),
                        answer -> answer.status() == 202);
        String status = gatewayUrl() + accepted.<String>read("$.statusUrl");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> get(status, account.adminToken()).<String>read("$.status"), "SENT"::equals);
        String inbox =
                sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + account.openId() + "/inbox";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .during(Duration.ofSeconds(3))
                .until(
                        () -> get(inbox, null).<List<String>>read("$[?(@.source == 'CUSTOMER_SERVICE')].content"),
                        contents -> contents.equals(List.of("Thanks for writing")));
        var followers = get(tenantApi + "/followers", account.adminToken());
        assertThat(followers.<List<String>>read("$.items[*].openId")).containsExactly(account.openId());
    }

    @Test
    void aRuleCreatedThroughMessagingServiceAnswersFollowersPassivelyWithinSeconds() {
        Account account = register("e2e-rules", "wx00e2e00000000a02", "o-e2e-rules-follower");
        String say =
                sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/" + account.openId() + "/messages";
        var before = post(say, "{\"msgType\":\"text\",\"content\":\"opening hours?\"}", null);
        assertThat(before.<Boolean>read("$.reply.empty")).isTrue();

        // messaging-service learns the account's owner from token-service's notice: it may take a moment.
        String rules =
                gatewayUrl() + "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/rules";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> post(rules, """
                        {"order":1,"trigger":{"type":"KEYWORD_CONTAINS","keyword":"hours"},
                         "reply":{"type":"TEXT","content":"Open 9 to 5"}}""", account.adminToken()).status(), status -> status == 201);
        long created = System.nanoTime();

        Answer replied = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> post(say, "{\"msgType\":\"text\",\"content\":\"opening hours?\"}", null),
                        answer -> !answer.<Boolean>read("$.reply.empty"));

        assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(10));
        // The sandbox checked it as WeChat does: signature, encrypted (safe mode), addressed to the follower.
        assertThat(replied.<Boolean>read("$.reply.verified")).isTrue();
        assertThat(replied.<Boolean>read("$.reply.wasEncrypted")).isTrue();
        assertThat(replied.<String>read("$.reply.msgType")).isEqualTo("text");
        assertThat(replied.<String>read("$.reply.content")).isEqualTo("Open 9 to 5");
    }

    private static void verifyUrl(String callbackUrl) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        var query = CallbackRequest.handshake(TOKEN, "echo-" + timestamp, timestamp, "n" + timestamp);
        var answer = get(callbackUrl + "?" + new SignedCallback(query, "").queryString(), null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("echo-" + timestamp);
    }

    /** Tenant and safe-mode account in token-service (through the gateway) and on the simulated WeChat side. */
    private static Account register(String tenantId, String appId, String openId) {
        var issuer = TestIssuer.shared();
        Account account = new Account(tenantId, appId, openId, issuer.mint(tenantId, TestIssuer.TENANT_ADMIN));
        String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        assertCreated(post(
                gatewayUrl() + "/api/v1/tenants",
                "{\"id\":\"%s\",\"name\":\"E2E\"}".formatted(tenantId),
                issuer.operator()));
        assertCreated(post(
                gatewayUrl() + "/api/v1/tenants/" + tenantId + "/accounts",
                """
                {"appId":"%s","name":"E2E","type":"SERVICE","verified":true,"appSecret":"secret-%s",
                 "callbackToken":"%s","encodingAesKey":"%s"}""".formatted(appId, appId, TOKEN, key),
                account.adminToken()));
        assertCreated(post(
                sandboxUrl() + "/sandbox/accounts",
                """
                {"appId":"%s","secret":"secret-%s","name":"E2E","callbackUrl":"%s/wx/%s/callback",
                 "token":"%s","encodingAesKey":"%s","encryptionMode":"SAFE","type":"SERVICE",
                 "verified":true}""".formatted(appId, appId, gatewayUrl(), appId, TOKEN, key),
                null));
        return account;
    }

    private static void assertCreated(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private record Account(String tenantId, String appId, String openId, String adminToken) {}

    record Answer(int status, String body) {
        <T> T read(String path) {
            return JsonPath.parse(body).read(path);
        }
    }

    private static Answer post(String url, String json, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer));
    }

    private static Answer get(String url, String bearer) {
        var builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        return send(bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer));
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            var response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
