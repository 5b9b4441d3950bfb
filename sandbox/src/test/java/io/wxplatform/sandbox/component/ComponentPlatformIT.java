package io.wxplatform.sandbox.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.wechat.api.AttentionReason;
import io.wxplatform.wechat.api.Authorization;
import io.wxplatform.wechat.api.AuthorizerInfo;
import io.wxplatform.wechat.api.AuthorizerToken;
import io.wxplatform.wechat.api.ComponentApi;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import io.wxplatform.wechat.api.WeChatClientConfig;
import io.wxplatform.wechat.protocol.AuthorizationPush;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.UnauthorizedPush;
import io.wxplatform.wechat.protocol.VerifyTicketPush;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import reactor.core.publisher.Mono;

/** The component platform end to end, driven by the platform's own WeChat client over real HTTP. */
class ComponentPlatformIT extends SandboxITSupport {

    private static final String COMPONENT = "wxc0000000000000c1";
    private static final String COMPONENT_SECRET = "component-secret-0123456789abcdef";
    private static final String COMPONENT_TOKEN = "componentToken";
    private static final String COMPONENT_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    private static final String AUTHORIZER = "wxa00000000000000a";
    private static final String ALICE = "oAlice000000000000000000000";

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    @LocalServerPort
    private int port;

    private PlatformStub platform;
    private ComponentApi wechat;
    private WeChatClient client;

    @BeforeEach
    void startPlatform() {
        platform = new PlatformStub();
        client = WeChatClient.create(WeChatClientConfig.of("http://127.0.0.1:" + port));
        wechat = client.component();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Test
    void registeringAComponentPushesAVerifiableTicketAtOnceAndShowsNoSecrets() {
        Map<String, Object> view = registerComponent("PT0S");

        List<PlatformStub.Received> pushes = platform.at("/events");
        assertThat(pushes).hasSize(1);
        assertThat(pushes.get(0).body())
                .contains("<AppId><![CDATA[" + COMPONENT + "]]></AppId>")
                .contains("<Encrypt>")
                .doesNotContain("ComponentVerifyTicket");
        ComponentPush push = open(pushes.get(0));
        assertThat(push).isInstanceOfSatisfying(VerifyTicketPush.class, ticket -> {
            assertThat(ticket.componentAppId()).isEqualTo(COMPONENT);
            assertThat(ticket.ticket()).startsWith("ticket@@@");
        });
        assertThat(view)
                .containsEntry("componentAppId", COMPONENT)
                .containsEntry("ticketAgeSeconds", 0)
                .containsEntry("verifyTicketInterval", "PT0S");
        assertThat(view.toString())
                .doesNotContain(COMPONENT_SECRET)
                .doesNotContain(COMPONENT_KEY)
                .doesNotContain(((VerifyTicketPush) push).ticket());
    }

    @Test
    void ticketsArePushedEveryInterval() {
        registerComponent("PT0.2S");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> platform.at("/events").size() >= 4);
        List<String> tickets = platform.at("/events").stream()
                .map(p -> ((VerifyTicketPush) open(p)).ticket())
                .toList();
        assertThat(tickets).doesNotHaveDuplicates();
    }

    @Test
    void theComponentTokenNeedsTheSecretAndATicketPushedWithinTwelveHours() {
        registerComponent("PT0S");
        String ticket = lastTicket();

        assertThat(failure(wechat.componentToken(COMPONENT, "wrong-secret", ticket))
                        .category())
                .isEqualTo(ErrorCategory.CONFIGURATION);
        WeChatApiException unknown = failure(wechat.componentToken(COMPONENT, COMPONENT_SECRET, "ticket@@@forged"));
        assertThat(unknown.errcode()).isEqualTo(61006);
        assertThat(unknown.category()).isEqualTo(ErrorCategory.COMPONENT_TICKET);
        assertThat(wechat.componentToken(COMPONENT, COMPONENT_SECRET, ticket)
                        .block()
                        .expiresIn())
                .isEqualTo(Duration.ofHours(2));

        advanceClock(Duration.ofHours(12).toSeconds());
        WeChatApiException expired = failure(wechat.componentToken(COMPONENT, COMPONENT_SECRET, ticket));
        assertThat(expired.errcode()).isEqualTo(61005);
        assertThat(expired.category()).isEqualTo(ErrorCategory.COMPONENT_TICKET);

        assertThat(postJson("/sandbox/components/" + COMPONENT + "/verify-ticket", Map.of()))
                .containsEntry("status", 200);
        assertThat(wechat.componentToken(COMPONENT, COMPONENT_SECRET, lastTicket())
                        .block()
                        .value())
                .isNotBlank();
    }

    @Test
    void anOwnerApprovesAndThePlatformGetsTheRedirectThePushAndOneExchangeOfTheCode() {
        registerComponent("PT0S");
        String componentToken = componentToken();
        String preAuthCode =
                wechat.createPreAuthCode(componentToken, COMPONENT).block().value();
        String loginPage = ComponentApi.loginPageUrl(
                "http://127.0.0.1:" + port, COMPONENT, preAuthCode, platform.url("/return?state=s1"), 1);
        http.get().uri(URI.create(loginPage)).exchange().expectStatus().isOk();

        Map<String, Object> outcome = approve(preAuthCode, Map.of());

        assertThat(outcome).containsEntry("redirectStatus", 200).containsEntry("pushStatus", 200);
        String authCode = (String) outcome.get("authCode");
        PlatformStub.Received redirect = platform.at("/return").get(0);
        assertThat(redirect.query())
                .containsEntry("state", "s1")
                .containsEntry("auth_code", authCode)
                .containsEntry("expires_in", "600");
        AuthorizationPush push = (AuthorizationPush) open(platform.at("/events").get(1));
        assertThat(push.infoType()).isEqualTo("authorized");
        assertThat(push.authorizerAppId()).isEqualTo(AUTHORIZER);
        assertThat(push.authorizationCode()).isEqualTo(authCode);
        assertThat(push.preAuthCode()).isEqualTo(preAuthCode);

        Authorization authorization =
                wechat.queryAuth(componentToken, COMPONENT, authCode).block();
        assertThat(authorization.authorizerAppId()).isEqualTo(AUTHORIZER);
        assertThat(authorization.funcScopes()).containsExactly(1, 2, 3, 4);
        assertThat(authorization.refreshToken()).startsWith("refreshtoken@@@");
        assertThat(failure(wechat.queryAuth(componentToken, COMPONENT, authCode))
                        .errcode())
                .isEqualTo(61009);
        assertThat(apiCalls(AUTHORIZER))
                .containsExactly("component/api_query_auth:0", "component/api_query_auth:61009");

        assertThat(client.tickets()
                        .jsapiTicket(AUTHORIZER, authorization.accessToken())
                        .block()
                        .value())
                .isNotBlank();
        assertThat(getJson("/sandbox/accounts/" + AUTHORIZER))
                .containsEntry("componentAppId", COMPONENT)
                .containsEntry("callbackUrl", platform.url("/wx/" + AUTHORIZER + "/callback"));
    }

    @Test
    void followersOfAnAuthorizedAccountWriteThroughTheComponentAndGetCustomerServiceMessages() {
        registerComponent("PT0S");
        Authorization authorization = authorize();

        followerSays(AUTHORIZER, ALICE, "hello");
        client.messages()
                .sendCustom(
                        AUTHORIZER, authorization.accessToken(), new CustomMessage.Text(ALICE, "hi from the platform"))
                .block();

        PlatformStub.Received callback =
                platform.at("/wx/" + AUTHORIZER + "/callback").get(0);
        Map<String, String> fields =
                SafeXml.parseFields(PlatformStub.openXml(callback, COMPONENT_TOKEN, COMPONENT_KEY, COMPONENT));
        assertThat(fields).containsEntry("FromUserName", ALICE).containsEntry("Content", "hello");
        assertThat(http.get()
                        .uri("/sandbox/accounts/{a}/followers/{o}/inbox", AUTHORIZER, ALICE)
                        .exchange()
                        .expectBody(LIST)
                        .returnResult()
                        .getResponseBody())
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("source", "CUSTOMER_SERVICE")
                        .containsEntry("content", "hi from the platform"));
    }

    @Test
    void everyAuthorizerTokenCallRotatesTheRefreshTokenAndTheOldOneNeedsReauthorization() {
        registerComponent("PT0S");
        Authorization authorization = authorize();
        String componentToken = componentToken();

        AuthorizerToken first = wechat.authorizerToken(
                        componentToken, COMPONENT, AUTHORIZER, authorization.refreshToken())
                .block();
        AuthorizerToken second = wechat.authorizerToken(componentToken, COMPONENT, AUTHORIZER, first.refreshToken())
                .block();

        assertThat(first.refreshToken()).isNotEqualTo(authorization.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        WeChatApiException stale =
                failure(wechat.authorizerToken(componentToken, COMPONENT, AUTHORIZER, first.refreshToken()));
        assertThat(stale.errcode()).isEqualTo(61023);
        assertThat(AttentionReason.of(stale.errcode())).contains(AttentionReason.NEEDS_REAUTHORIZATION);
        assertThat(wechat.authorizerInfo(componentToken, COMPONENT, AUTHORIZER)
                        .block()
                        .refreshToken())
                .isEqualTo(second.refreshToken());
        assertThat(client.tickets()
                        .jsapiTicket(AUTHORIZER, second.accessToken())
                        .block()
                        .value())
                .isNotBlank();
    }

    @Test
    void aLostRefreshTokenIsRecoveredFromTheAuthorizerInfo() {
        registerComponent("PT0S");
        Authorization authorization = authorize();
        String componentToken = componentToken();

        http.post()
                .uri("/sandbox/components/{c}/authorizations/{a}/lose-refresh-token", COMPONENT, AUTHORIZER)
                .exchange()
                .expectStatus()
                .isNoContent();

        assertThat(failure(wechat.authorizerToken(componentToken, COMPONENT, AUTHORIZER, authorization.refreshToken()))
                        .errcode())
                .isEqualTo(61023);
        AuthorizerInfo info =
                wechat.authorizerInfo(componentToken, COMPONENT, AUTHORIZER).block();
        assertThat(info.refreshToken()).isNotEqualTo(authorization.refreshToken());
        assertThat(wechat.authorizerToken(componentToken, COMPONENT, AUTHORIZER, info.refreshToken())
                        .block()
                        .accessToken())
                .isNotBlank();
    }

    @Test
    void theAuthorizerInfoTellsTypeVerificationAndPermissions() {
        registerComponent("PT0S");
        authorize(Map.of("name", "Demo 订阅号", "type", "SUBSCRIPTION", "verified", false, "funcScopes", List.of(1, 15)));

        AuthorizerInfo info =
                wechat.authorizerInfo(componentToken(), COMPONENT, AUTHORIZER).block();

        assertThat(info.nickName()).isEqualTo("Demo 订阅号");
        assertThat(info.serviceAccount()).isFalse();
        assertThat(info.verified()).isFalse();
        assertThat(info.userName()).startsWith("gh_");
        assertThat(info.funcScopes()).containsExactly(1, 15);
    }

    @Test
    void updatedPermissionsArePushedAndARevocationStopsTheTokens() {
        registerComponent("PT0S");
        Authorization authorization = authorize();
        String componentToken = componentToken();

        Map<String, Object> update = postJson(
                "/sandbox/components/" + COMPONENT + "/authorizations/" + AUTHORIZER + "/update",
                Map.of("funcScopes", List.of(1, 2)));
        AuthorizationPush updated = (AuthorizationPush) open(lastPush());
        assertThat(updated.infoType()).isEqualTo("updateauthorized");
        assertThat(updated.authorizationCode()).isEqualTo(update.get("authCode"));
        assertThat(wechat.authorizerInfo(componentToken, COMPONENT, AUTHORIZER)
                        .block()
                        .funcScopes())
                .containsExactly(1, 2);

        Map<String, Object> revoked = http.delete()
                .uri("/sandbox/components/{c}/authorizations/{a}", COMPONENT, AUTHORIZER)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(revoked).containsEntry("pushStatus", 200);
        assertThat(open(lastPush()))
                .isInstanceOfSatisfying(
                        UnauthorizedPush.class,
                        push -> assertThat(push.authorizerAppId()).isEqualTo(AUTHORIZER));
        assertThat(failure(client.tickets().jsapiTicket(AUTHORIZER, authorization.accessToken()))
                        .errcode())
                .isEqualTo(40001);
        assertThat(failure(wechat.authorizerToken(componentToken, COMPONENT, AUTHORIZER, authorization.refreshToken()))
                        .errcode())
                .isEqualTo(61003);
        assertThat(getJson("/sandbox/accounts/" + AUTHORIZER)).doesNotContainKey("componentAppId");
    }

    /** WeChat answers 61007 to a component calling an API whose permission set the owner did not grant it. */
    @Test
    void anAuthorizerTokenCallsOnlyTheApisOfThePermissionSetsGranted() {
        registerComponent("PT0S");
        Authorization authorization =
                authorize(Map.of("type", "SERVICE", "verified", true, "funcScopes", List.of(1, 2)));
        String token = authorization.accessToken();

        assertThat(client.tags().list(AUTHORIZER, token).block()).isNotNull();
        assertThat(failure(client.menus().get(AUTHORIZER, token)).errcode()).isEqualTo(61007);

        postJson(
                "/sandbox/components/" + COMPONENT + "/authorizations/" + AUTHORIZER + "/update",
                Map.of("funcScopes", List.of(1, 2, 15)));

        WeChatApiException menu = failure(client.menus().get(AUTHORIZER, token));
        assertThat(menu == null ? 0 : menu.errcode()).isNotEqualTo(61007);
    }

    @Test
    void aSpentOrUnknownPreAuthCodeIsRefused() {
        registerComponent("PT0S");
        String preAuthCode =
                wechat.createPreAuthCode(componentToken(), COMPONENT).block().value();
        approve(preAuthCode, Map.of("redirect", false));

        http.post()
                .uri("/sandbox/components/{c}/authorizations", COMPONENT)
                .bodyValue(Map.of("preAuthCode", preAuthCode, "authorizerAppId", "wxa00000000000000b"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(JSON)
                .value(body -> assertThat(body).containsEntry("code", "invalid_pre_auth_code"));
        http.get()
                .uri(URI.create(ComponentApi.loginPageUrl(
                        "http://127.0.0.1:" + port, COMPONENT, "preauthcode@@@nope", platform.url("/return"), 1)))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void injectedFaultsHitComponentApisByTheirPath() {
        registerComponent("PT0S");
        http.post()
                .uri("/sandbox/faults")
                .bodyValue(Map.of("api", "component/api_component_token", "kind", "SYSTEM_BUSY", "count", 1))
                .exchange()
                .expectStatus()
                .isCreated();

        assertThat(failure(wechat.componentToken(COMPONENT, COMPONENT_SECRET, lastTicket()))
                        .category())
                .isEqualTo(ErrorCategory.RETRYABLE);
        assertThat(wechat.componentToken(COMPONENT, COMPONENT_SECRET, lastTicket())
                        .block()
                        .value())
                .isNotBlank();
        assertThat(http.get()
                        .uri("/sandbox/components/{c}/api-calls", COMPONENT)
                        .exchange()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("component/api_component_token");
    }

    private Map<String, Object> registerComponent(String interval) {
        Map<String, Object> body = new HashMap<>();
        body.put("componentAppId", COMPONENT);
        body.put("componentAppSecret", COMPONENT_SECRET);
        body.put("token", COMPONENT_TOKEN);
        body.put("encodingAesKey", COMPONENT_KEY);
        body.put("authEventUrl", platform.url("/events"));
        body.put("messageUrlTemplate", platform.url("/wx/$APPID$/callback"));
        body.put("verifyTicketInterval", interval);
        return http.post()
                .uri("/sandbox/components")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Authorization authorize() {
        return authorize(Map.of());
    }

    /** The whole owner flow without a redirect page: approve, then exchange the pushed code. */
    private Authorization authorize(Map<String, Object> extra) {
        String componentToken = componentToken();
        String preAuthCode =
                wechat.createPreAuthCode(componentToken, COMPONENT).block().value();
        Map<String, Object> fields = new HashMap<>(extra);
        fields.put("redirect", false);
        approve(preAuthCode, fields);
        AuthorizationPush push = (AuthorizationPush) open(lastPush());
        return wechat.queryAuth(componentToken, COMPONENT, push.authorizationCode())
                .block();
    }

    private Map<String, Object> approve(String preAuthCode, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("preAuthCode", preAuthCode);
        body.put("authorizerAppId", AUTHORIZER);
        return postJson("/sandbox/components/" + COMPONENT + "/authorizations", body);
    }

    private String componentToken() {
        return wechat.componentToken(COMPONENT, COMPONENT_SECRET, lastTicket())
                .block()
                .value();
    }

    private String lastTicket() {
        return platform.at("/events").stream()
                .map(this::open)
                .filter(VerifyTicketPush.class::isInstance)
                .map(p -> ((VerifyTicketPush) p).ticket())
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private PlatformStub.Received lastPush() {
        List<PlatformStub.Received> pushes = platform.at("/events");
        return pushes.get(pushes.size() - 1);
    }

    private ComponentPush open(PlatformStub.Received push) {
        return PlatformStub.open(push, COMPONENT_TOKEN, COMPONENT_KEY, COMPONENT);
    }

    private void followerSays(String appId, String openId, String content) {
        postJson(
                "/sandbox/accounts/" + appId + "/followers/" + openId + "/messages",
                Map.of("msgType", "text", "content", content));
    }

    private List<String> apiCalls(String appId) {
        return http
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .exchange()
                .expectBody(LIST)
                .returnResult()
                .getResponseBody()
                .stream()
                .map(call -> call.get("api") + ":" + call.get("errcode"))
                .toList();
    }

    private static WeChatApiException failure(Mono<?> call) {
        return catchThrowableOfType(WeChatApiException.class, call::block);
    }
}
