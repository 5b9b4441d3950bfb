package io.wxplatform.token.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TestClockConfiguration;
import io.wxplatform.token.TokenServiceApplication;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Component mode end to end: the real sandbox plays WeChat's third-party platform (20 s component and authorizer
 * tokens; the authorization page; pushes to an authorization event URL played by {@link PushRelay} in
 * callback-service's place), real Kafka carries the pushes, real MongoDB keeps everything. WeChat calls are counted
 * in the sandbox's api-call log.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        classes = {TokenServiceApplication.class, TestClockConfiguration.class})
@AutoConfigureWebTestClient(timeout = "15s")
class ComponentModeIT {

    private static final String INTERNAL_TOKEN = "it-internal-token";
    private static final Duration LIFETIME = Duration.ofSeconds(20);
    private static final Duration MARGIN = Duration.ofSeconds(7);
    private static final Duration JITTER = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SEEDED = Fixtures.appId();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    private static ServiceProcess sandbox;
    private static WebClient wechat;
    private static PushRelay relay;

    @Autowired
    private WebTestClient http;

    @Autowired
    private MongoDatabase database;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        KafkaProbe.createTopics(Topics.COMPONENT, Topics.ACCOUNT, Topics.TOKEN);
        sandbox = ServiceProcess.start(
                "sandbox",
                Map.of(
                        "sandbox.component.token-lifetime", LIFETIME.toSeconds() + "s",
                        "sandbox.component.authorizer-token-lifetime", LIFETIME.toSeconds() + "s"));
        wechat = WebClient.create(sandbox.baseUrl());
        relay = new PushRelay();
        int port = FreePort.pick();
        Map<String, String> properties = new LinkedHashMap<>(TestIssuer.shared().serviceProperties());
        properties.put("server.port", String.valueOf(port));
        properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        properties.put("wxplatform.mongodb.uri", TestInfrastructure.mongoUri());
        properties.put("wxplatform.mongodb.database", "wx_token_component");
        properties.put("wxplatform.wechat.base-url", sandbox.baseUrl());
        properties.put("wxplatform.internal.auth-token", INTERNAL_TOKEN);
        properties.put("wxplatform.component.public-base-url", "http://localhost:" + port);
        properties.put("wxplatform.component.login-page-base-url", sandbox.baseUrl());
        properties.put("wxplatform.component.watch-interval", "500ms");
        properties.put("wxplatform.credentials.refresh-margin", MARGIN.toSeconds() + "s");
        properties.put("wxplatform.credentials.refresh-jitter", JITTER.toSeconds() + "s");
        properties.put("wxplatform.credentials.serve-margin", "2s");
        properties.put("wxplatform.credentials.lease", "4s");
        properties.put("wxplatform.credentials.scan-interval", "200ms");
        properties.put("wxplatform.components[0].component-app-id", SEEDED);
        properties.put("wxplatform.components[0].app-secret", "seeded-secret");
        properties.put("wxplatform.components[0].token", "seededtok");
        properties.put("wxplatform.components[0].encoding-aes-key", Fixtures.AES_KEY);
        properties.forEach((key, value) -> registry.add(key, () -> value));
    }

    /** REST calls are an operator's unless a test sends a tenant admin's token. */
    @BeforeEach
    void asAnOperator() {
        http = http.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    @AfterAll
    static void stop() {
        relay.close();
        sandbox.close();
    }

    @Test
    void aVerifyTicketIsKeptSealedAndOnlyANewerOneReplacesIt() {
        String c = component();
        Document stored = raw("components", c).get("ticket", Document.class);
        assertThat(stored.get("value", Document.class)).containsKeys("kid", "iv", "ct");
        long createTime = stored.getLong("createTime");

        // A late (older) push must not replace the last good ticket.
        relay.publish(ticketPush(c, createTime - 60, "older-ticket"));
        relay.publish(ticketPush(c, createTime + 3600, "newer-ticket"));
        await().atMost(WAIT)
                .until(() ->
                        raw("components", c).get("ticket", Document.class).getLong("createTime") == createTime + 3600);

        relay.publish(ticketPush(c, createTime + 1800, "between-ticket"));
        relay.publish(ticketPush(c, createTime + 3600, "newer-ticket"));
        // Pushes of one component are handled in order: once this last one (same CreateTime) is, all three are.
        awaitHandled(relay.publish(ticketPush(c, createTime + 3600, "same-time-ticket")));
        assertThat(raw("components", c).get("ticket", Document.class).getLong("createTime"))
                .isEqualTo(createTime + 3600);
        assertThat(componentView(c)).containsEntry("alert", "OK").doesNotContainKeys("appSecret", "token");
        assertThat(componentView(c).toString()).doesNotContain("newer-ticket");
    }

    @Test
    void aTicketOlderThanTwentyMinutesRaisesTicketStaleOnTheViewAndTheGauge() {
        String c = component();
        await().atMost(WAIT).until(() -> gauge(c) != null && gauge(c).value() < 60);
        advanceTime(Duration.ofMinutes(21));
        assertThat(componentView(c)).containsEntry("alert", "TICKET_STALE");
        assertThat(((Number) componentView(c).get("ticketAgeSeconds")).longValue())
                .isGreaterThan(1200);
        await().atMost(WAIT).until(() -> gauge(c).value() > 1200);

        // WeChat's next push (CreateTime 21 minutes later on its clock) ends the alert.
        pushTicket(c);
        await().atMost(WAIT).until(() -> "OK".equals(componentView(c).get("alert")));
    }

    @Test
    void theComponentTokenIsRefreshedCentrallyOncePerLifetime() {
        String c = component();
        String credential = c + "|COMPONENT_ACCESS_TOKEN";

        // Two lifetimes, each renewed by the scheduler alone (nobody asks for the token), once, when it is due.
        assertThat(refreshWhenDue(credential)).isEqualTo(2);
        assertThat(refreshWhenDue(credential)).isEqualTo(3);

        assertThat(successfulCalls(componentCalls(c), "api_component_token"))
                .as("one WeChat call per version")
                .hasSize(3);
    }

    @Test
    void theRedirectAloneCompletesTheAuthorizationAndALatePushChangesNothing() {
        String c = component();
        String tenant = tenant();
        String appId = Fixtures.appId();
        try (KafkaProbe accountEvents = KafkaProbe.on(Topics.ACCOUNT)) {
            Approval approval = approve(tenant, c, appId, true, false);
            assertThat(approval.outcome().get("redirectStatus")).isEqualTo(200);
            assertThat(authorization(tenant, approval.authorizationId()))
                    .containsEntry("state", "COMPLETED")
                    .containsEntry("authorizerAppId", appId);

            // WeChat's push arrives afterwards with the same code.
            awaitHandled(relay.publish(authorizedPush(c, appId, approval.authCode(), approval.preAuthCode())));
            assertThat(calls(appId, "api_query_auth")).hasSize(1);

            Map<String, Object> account = account(tenant, appId);
            assertThat(account)
                    .containsEntry("mode", "COMPONENT")
                    .containsEntry("status", "ACTIVE")
                    .containsEntry("type", "SERVICE")
                    .containsEntry("verified", true)
                    .containsEntry("componentAppId", c)
                    .containsEntry("permissions", List.of(1, 2, 3));
            ConsumerRecord<String, byte[]> registered = accountEvents
                    .awaitMatching(
                            r -> appId.equals(r.key())
                                    && "io.wxplatform.wx.account.registered".equals(header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            assertThat(new String(registered.value(), StandardCharsets.UTF_8))
                    .contains("\"mode\":\"COMPONENT\"", "\"accountType\":\"SERVICE\"", "\"permissions\":[1,2,3]")
                    .doesNotContain("token", "Token");
        }
        Document credential = raw("credentials", appId + "|ACCESS_TOKEN");
        assertThat(credential.get("refreshToken", Document.class)).containsKeys("kid", "iv", "ct");
    }

    @Test
    void thePushAloneCompletesTheAuthorizationAndTheLateBrowserSeesIt() {
        String c = component();
        String tenant = tenant();
        String appId = Fixtures.appId();
        Approval approval = approve(tenant, c, appId, false, true);
        await().atMost(WAIT)
                .until(() -> "COMPLETED"
                        .equals(authorization(tenant, approval.authorizationId())
                                .get("state")));

        String page = http.get()
                .uri(
                        "/connect/v1/authorizations/{a}/return?auth_code={code}&expires_in=600",
                        approval.authorizationId(),
                        approval.authCode())
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("connected");
        assertThat(calls(appId, "api_query_auth")).hasSize(1);
        assertThat(account(tenant, appId)).containsEntry("status", "ACTIVE");
    }

    @Test
    void redirectAndPushTogetherMakeOneQueryAuthAndTheBrowserGoesBackToTheReturnUrl() {
        String c = component();
        String tenant = tenant();
        String appId = Fixtures.appId();
        Approval approval = approve(tenant, c, appId, true, true, "https://console.example/done");
        await().atMost(WAIT)
                .until(() -> "COMPLETED"
                        .equals(authorization(tenant, approval.authorizationId())
                                .get("state")));
        // Once the push was handled too, both ways in have run.
        awaitHandled(await().atMost(WAIT)
                .until(() -> relay.publishedFor(appId, "authorized"), Optional::isPresent)
                .get());
        assertThat(calls(appId, "api_query_auth")).hasSize(1);

        http.get()
                .uri(
                        "/connect/v1/authorizations/{a}/return?auth_code={code}",
                        approval.authorizationId(),
                        approval.authCode())
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("https://console.example/done?authorizationId=" + approval.authorizationId()
                        + "&state=COMPLETED");
    }

    @Test
    void anAccountOwnedByAnotherTenantIsRefusedAndNeitherTenantSeesTheOthers() {
        String c = component();
        String owner = tenant();
        String other = tenant();
        String appId = Fixtures.appId();
        Approval first = approve(owner, c, appId, true, true);
        await().atMost(WAIT)
                .until(() -> "COMPLETED"
                        .equals(authorization(owner, first.authorizationId()).get("state")));

        Approval second = approve(other, c, appId, true, true);
        await().atMost(WAIT)
                .until(() -> "REFUSED"
                        .equals(authorization(other, second.authorizationId()).get("state")));
        assertThat(authorization(other, second.authorizationId())).containsEntry("error", "ACCOUNT_OWNED_ELSEWHERE");
        assertThat(account(owner, appId)).containsEntry("tenantId", owner);

        WebTestClient otherAdmin = http.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().mint(other, TestIssuer.TENANT_ADMIN)))
                .build();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", other, appId)
                .exchange()
                .expectStatus()
                .isNotFound();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", owner, appId)
                .exchange()
                .expectStatus()
                .isNotFound();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/authorizations/{a}", owner, first.authorizationId())
                .exchange()
                .expectStatus()
                .isNotFound();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/authorizations/{a}", other, first.authorizationId())
                .exchange()
                .expectStatus()
                .isNotFound();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/authorizations/{a}", other, second.authorizationId())
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void updateauthorizedRefreshesThePermissions() {
        String c = component();
        String tenant = tenant();
        String appId = authorized(tenant, c);
        try (KafkaProbe accountEvents = KafkaProbe.on(Topics.ACCOUNT)) {
            sandboxPost(
                    "/sandbox/components/" + c + "/authorizations/" + appId + "/update",
                    Map.of("funcScopes", List.of(1, 7, 15)));
            await().atMost(WAIT)
                    .until(() -> List.of(1, 7, 15).equals(account(tenant, appId).get("permissions")));
            // The other services learn the new permission sets from the notice (AccountDirectory).
            accountEvents.awaitMatching(
                    r -> appId.equals(r.key())
                            && "io.wxplatform.wx.account.updated".equals(header(r, CloudEventHeaders.TYPE))
                            && new String(r.value(), StandardCharsets.UTF_8).contains("\"permissions\":[1,7,15]"),
                    1,
                    WAIT);
        }
    }

    @Test
    void unauthorizedRevokesTheAccountAndWipesItsTokens() {
        String c = component();
        String tenant = tenant();
        String appId = authorized(tenant, c);
        assertThat(raw("credentials", appId + "|ACCESS_TOKEN")).isNotNull();
        try (KafkaProbe accountEvents = KafkaProbe.on(Topics.ACCOUNT)) {
            wechat.delete()
                    .uri("/sandbox/components/{c}/authorizations/{a}", c, appId)
                    .retrieve()
                    .toBodilessEntity()
                    .block(Duration.ofSeconds(10));

            ConsumerRecord<String, byte[]> notice = accountEvents
                    .awaitMatching(
                            r -> appId.equals(r.key())
                                    && "io.wxplatform.wx.account.status_changed"
                                            .equals(header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            assertThat(new String(notice.value(), StandardCharsets.UTF_8)).contains("\"status\":\"UNAUTHORIZED\"");
            // The notice goes out only once the tokens are wiped (AuthorizedAccounts.revoke).
            assertThat(raw("credentials", appId + "|ACCESS_TOKEN")).isNull();
            assertThat(account(tenant, appId)).containsEntry("status", "UNAUTHORIZED");
        }
        internal("/internal/v1/accounts/{a}/access-token", appId)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        internal("/internal/v1/accounts/{a}/callback-settings", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void authorizerTokensAreRenewedWithTheRotatedRefreshTokenAndWorkAtWeChat() {
        String c = component();
        String tenant = tenant();
        String appId = authorized(tenant, c);
        Map<String, Object> first = accessToken(appId);
        assertThat(first.get("version")).isEqualTo(1);
        assertThat(sendWith((String) first.get("accessToken")))
                .as("WeChat accepts the token")
                .isEqualTo(40003);

        // Renewed by the scheduler when due, twice: each call rotates the refresh token.
        assertThat(refreshWhenDue(appId + "|ACCESS_TOKEN")).isEqualTo(2);
        assertThat(refreshWhenDue(appId + "|ACCESS_TOKEN")).isEqualTo(3);
        // And once more, forced: the rotated refresh token was stored with the token before it.
        long version = raw("credentials", appId + "|ACCESS_TOKEN").getLong("version");
        internalPost("/internal/v1/accounts/{a}/access-token/invalid", Map.of("version", version), appId)
                .expectStatus()
                .isAccepted();
        Map<String, Object> latest = accessToken(appId);
        assertThat(((Number) latest.get("version")).longValue()).isGreaterThan(version);
        assertThat(sendWith((String) latest.get("accessToken"))).isEqualTo(40003);

        List<Map<String, Object>> refreshes = calls(appId, "api_authorizer_token");
        assertThat(refreshes)
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(call -> assertThat(call.get("errcode")).isEqualTo(0));
        assertThat(calls(appId, "api_get_authorizer_info"))
                .as("no recovery was needed")
                .hasSize(1);
        assertThat(account(tenant, appId)).containsEntry("status", "ACTIVE");

        internal("/internal/v1/accounts/{a}/jsapi-ticket", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.ticket")
                .isNotEmpty();
    }

    @Test
    void aRefreshTokenLostInACrashIsRecoveredFromAuthorizerInfo() {
        String c = component();
        String tenant = tenant();
        String appId = authorized(tenant, c);
        Map<String, Object> first = accessToken(appId);
        // As if a replica crashed after WeChat rotated the refresh token and before storing the new one.
        sandboxPost("/sandbox/components/" + c + "/authorizations/" + appId + "/lose-refresh-token", Map.of());

        internalPost("/internal/v1/accounts/{a}/access-token/invalid", Map.of("version", first.get("version")), appId)
                .expectStatus()
                .isAccepted();

        Map<String, Object> next = accessToken(appId);
        assertThat(((Number) next.get("version")).longValue())
                .isGreaterThan(((Number) first.get("version")).longValue());
        assertThat(sendWith((String) next.get("accessToken"))).isEqualTo(40003);
        assertThat(account(tenant, appId)).containsEntry("status", "ACTIVE");
        List<Map<String, Object>> refreshes = calls(appId, "api_authorizer_token");
        assertThat(refreshes).extracting(call -> call.get("errcode")).contains(61023);
        assertThat(refreshes.get(refreshes.size() - 1).get("errcode")).isEqualTo(0);
        assertThat(calls(appId, "api_get_authorizer_info"))
                .as("authorization + recovery")
                .hasSize(2);

        // And the recovered refresh token keeps working for the next renewal.
        long version = raw("credentials", appId + "|ACCESS_TOKEN").getLong("version");
        internalPost("/internal/v1/accounts/{a}/access-token/invalid", Map.of("version", version), appId)
                .expectStatus()
                .isAccepted();
        assertThat(((Number) accessToken(appId).get("version")).longValue()).isGreaterThan(version);
        assertThat(account(tenant, appId)).containsEntry("status", "ACTIVE");
    }

    @Test
    void callbackServiceReadsAComponentsTokenAndKeysOnlyWithTheServiceCredential() {
        String c = component();
        internal("/internal/v1/components/{c}/callback-settings", c)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.componentAppId")
                .isEqualTo(c)
                .jsonPath("$.callbackToken")
                .isEqualTo(tokenOf(c))
                .jsonPath("$.aesKeys[0]")
                .isEqualTo(Fixtures.AES_KEY)
                .jsonPath("$.aesKeys.length()")
                .isEqualTo(1);
        internal("/internal/v1/components/{c}/callback-settings", Fixtures.appId())
                .exchange()
                .expectStatus()
                .isNotFound();
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build()
                .get()
                .uri("/internal/v1/components/{c}/callback-settings", c)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        // A user's JWT is not the service credential.
        http.get()
                .uri("/internal/v1/components/{c}/callback-settings", c)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build()
                .get()
                .uri("/api/v1/components/{c}", c)
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestIssuer.shared().mint("t-any", TestIssuer.TENANT_ADMIN))
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri("/api/v1/components/{c}", c)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.appSecretSet")
                .isEqualTo(true)
                .jsonPath("$.tokenSet")
                .isEqualTo(true)
                .jsonPath("$.appSecret")
                .doesNotExist();
    }

    @Test
    void aComponentFromConfigurationIsStoredAtStartUpAndWaitsForItsFirstTicket() {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(componentView(SEEDED))
                        .containsEntry("appSecretSet", true)
                        .containsEntry("alert", "TICKET_MISSING"));
        internal("/internal/v1/components/{c}/callback-settings", SEEDED)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.callbackToken")
                .isEqualTo("seededtok");
        http.post()
                .uri("/api/v1/tenants/{t}/authorizations", tenant())
                .bodyValue(Map.of("componentAppId", SEEDED))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("COMPONENT_TICKET_MISSING");
    }

    private final Map<String, String> tokens = new HashMap<>();

    private record Approval(String authorizationId, String preAuthCode, String authCode, Map<String, Object> outcome) {}

    /** A component registered in token-service and at WeChat, with its first ticket and token. */
    private String component() {
        String c = Fixtures.appId();
        String secret = Fixtures.secret();
        String token = "ctok" + Fixtures.hex(4);
        tokens.put(c, token);
        http.put()
                .uri("/api/v1/components/{c}", c)
                .bodyValue(Map.of("appSecret", secret, "token", token, "encodingAesKey", Fixtures.AES_KEY))
                .exchange()
                .expectStatus()
                .isOk();
        sandboxPost(
                "/sandbox/components",
                Map.of(
                        "componentAppId",
                        c,
                        "componentAppSecret",
                        secret,
                        "token",
                        token,
                        "encodingAesKey",
                        Fixtures.AES_KEY,
                        "authEventUrl",
                        relay.url(c, token, Fixtures.AES_KEY),
                        "messageUrlTemplate",
                        "http://127.0.0.1:9/wx/component/" + c + "/$APPID$/callback",
                        "verifyTicketInterval",
                        "PT0S"));
        await().atMost(WAIT).until(() -> raw("credentials", c + "|COMPONENT_ACCESS_TOKEN") != null);
        return c;
    }

    private String tokenOf(String c) {
        return tokens.get(c);
    }

    private String tenant() {
        String tenantId = Fixtures.tenantId();
        http.post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .exchange()
                .expectStatus()
                .isCreated();
        return tenantId;
    }

    private String authorized(String tenant, String c) {
        String appId = Fixtures.appId();
        Approval approval = approve(tenant, c, appId, true, true);
        await().atMost(WAIT)
                .until(() -> "COMPLETED"
                        .equals(authorization(tenant, approval.authorizationId())
                                .get("state")));
        return appId;
    }

    private Approval approve(String tenant, String c, String appId, boolean redirect, boolean push) {
        return approve(tenant, c, appId, redirect, push, null);
    }

    /** A tenant admin starts, the owner opens the page and approves (WeChat then redirects and/or pushes). */
    private Approval approve(String tenant, String c, String appId, boolean redirect, boolean push, String returnUrl) {
        Map<String, Object> request = new HashMap<>();
        request.put("componentAppId", c);
        if (returnUrl != null) {
            request.put("returnUrl", returnUrl);
        }
        Map<String, Object> started = http.post()
                .uri("/api/v1/tenants/{t}/authorizations", tenant)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String url = (String) started.get("url");
        String preAuthCode = URLDecoder.decode(
                UriComponentsBuilder.fromUriString(url).build().getQueryParams().getFirst("pre_auth_code"),
                StandardCharsets.UTF_8);
        assertThat(url).startsWith(sandbox.baseUrl() + "/cgi-bin/componentloginpage?component_appid=" + c);
        assertThat(started.get("expiresAt")).isNotNull();
        wechat.get().uri(URI.create(url)).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
        Map<String, Object> outcome = sandboxPost(
                "/sandbox/components/" + c + "/authorizations",
                Map.of(
                        "preAuthCode",
                        preAuthCode,
                        "authorizerAppId",
                        appId,
                        "name",
                        "Shop " + appId,
                        "type",
                        "SERVICE",
                        "verified",
                        true,
                        "funcScopes",
                        List.of(1, 2, 3),
                        "redirect",
                        redirect,
                        "push",
                        push));
        return new Approval(
                (String) started.get("authorizationId"), preAuthCode, (String) outcome.get("authCode"), outcome);
    }

    private Map<String, Object> authorization(String tenant, String id) {
        return http.get()
                .uri("/api/v1/tenants/{t}/authorizations/{a}", tenant, id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> account(String tenant, String appId) {
        return http.get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", tenant, appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> componentView(String c) {
        return http.get()
                .uri("/api/v1/components/{c}", c)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> accessToken(String appId) {
        return internal("/internal/v1/accounts/{a}/access-token", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient.RequestHeadersSpec<?> internal(String path, Object... vars) {
        return http.get().uri(path, vars).header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN);
    }

    private WebTestClient.ResponseSpec internalPost(String path, Object body, Object... vars) {
        return http.mutate()
                .responseTimeout(Duration.ofSeconds(20))
                .build()
                .post()
                .uri(path, vars)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .bodyValue(body)
                .exchange();
    }

    /**
     * Drives time to the credential's {@code refreshAt}: it must lie {@code MARGIN} (minus up to {@code JITTER})
     * before its expiry, nothing may happen just before it, and right after it the scheduler stores exactly the next
     * version. Returns that version.
     */
    private long refreshWhenDue(String credentialId) {
        Document stored = raw("credentials", credentialId);
        long version = stored.getLong("version");
        Instant expiresAt = stored.getDate("expiresAt").toInstant();
        Instant refreshAt = stored.getDate("refreshAt").toInstant();
        assertThat(refreshAt).isBetween(expiresAt.minus(MARGIN).minus(JITTER), expiresAt.minus(MARGIN));

        // A few seconds short of it (real time passes too, on a busy machine more than one would like) ...
        long beforeDue =
                Duration.between(TestClock.INSTANCE.instant(), refreshAt).toSeconds() - 5;
        if (beforeDue > 0) {
            advanceTime(Duration.ofSeconds(beforeDue));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> raw("credentials", credentialId).getLong("version") == version);
        }
        // ... then past it.
        advanceTime(Duration.ofSeconds(6));
        await().atMost(WAIT).until(() -> raw("credentials", credentialId).getLong("version") > version);
        return raw("credentials", credentialId).getLong("version");
    }

    /**
     * Moves token-service's clock and WeChat's together (never back, so no stored expiry ever lies later than
     * WeChat's): tokens come due and expire as if that much time had passed.
     */
    private static void advanceTime(Duration duration) {
        TestClock.INSTANCE.advance(duration);
        sandboxPost("/sandbox/clock/advance", Map.of("seconds", duration.toSeconds()));
    }

    /** Waits until token-service handled the push {@code eventId} (its event ledger entry is DONE). */
    private void awaitHandled(String eventId) {
        await().atMost(WAIT)
                .until(() -> Mono.from(database.getCollection(EventLedger.COLLECTION)
                                .find(Filters.and(
                                        Filters.regex("_id", "\\|" + Pattern.quote(eventId) + "$"),
                                        Filters.eq("state", "DONE")))
                                .first())
                        .blockOptional(Duration.ofSeconds(5))
                        .isPresent());
    }

    private Gauge gauge(String c) {
        return meters.find("wx.component.verify_ticket.age").tag("component", c).gauge();
    }

    private void pushTicket(String c) {
        sandboxPost("/sandbox/components/" + c + "/verify-ticket", Map.of());
    }

    private static Map<String, String> ticketPush(String c, long createTime, String ticket) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AppId", c);
        fields.put("CreateTime", String.valueOf(createTime));
        fields.put("InfoType", "component_verify_ticket");
        fields.put("ComponentVerifyTicket", ticket);
        return fields;
    }

    private static Map<String, String> authorizedPush(String c, String appId, String authCode, String preAuthCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AppId", c);
        fields.put("CreateTime", String.valueOf(Instant.now().getEpochSecond()));
        fields.put("InfoType", "authorized");
        fields.put("AuthorizerAppid", appId);
        fields.put("AuthorizationCode", authCode);
        fields.put("AuthorizationCodeExpiredTime", String.valueOf(Instant.now().getEpochSecond() + 600));
        fields.put("PreAuthCode", preAuthCode);
        return fields;
    }

    private Document raw(String collection, String id) {
        return Mono.from(database.getCollection(collection)
                        .find(new Document("_id", id))
                        .first())
                .block(Duration.ofSeconds(5));
    }

    private static Map<String, Object> sandboxPost(String path, Object body) {
        return wechat.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JSON)
                .defaultIfEmpty(Map.of())
                .block(Duration.ofSeconds(20));
    }

    private static List<Map<String, Object>> componentCalls(String c) {
        return wechat.get()
                .uri("/sandbox/components/{c}/api-calls", c)
                .retrieve()
                .bodyToMono(JSON_LIST)
                .block(Duration.ofSeconds(5));
    }

    private static List<Map<String, Object>> calls(String appId, String api) {
        return wechat
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .retrieve()
                .bodyToMono(JSON_LIST)
                .block(Duration.ofSeconds(5))
                .stream()
                .filter(call -> String.valueOf(call.get("api")).endsWith(api))
                .toList();
    }

    private static List<Instant> successfulCalls(List<Map<String, Object>> calls, String api) {
        return calls.stream()
                .filter(call -> String.valueOf(call.get("api")).endsWith(api)
                        && Integer.valueOf(0).equals(call.get("errcode")))
                .map(call -> Instant.parse((String) call.get("at")))
                .toList();
    }

    private static Object sendWith(String accessToken) {
        return wechat.post()
                .uri("/cgi-bin/message/custom/send?access_token={t}", accessToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("touser", "o-nobody", "msgtype", "text", "text", Map.of("content", "hi")))
                .retrieve()
                .bodyToMono(JSON)
                .block(Duration.ofSeconds(5))
                .get("errcode");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
