package io.wxplatform.user.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.user.OAuthBrowser;
import io.wxplatform.user.RealDependencies;
import io.wxplatform.user.TestAccount;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OAuth round trip of an account that authorized the platform as a third-party platform: WeChat's page is
 * asked with {@code component_appid}, and token-service exchanges the code with the component's token
 * ({@code sns/oauth2/component/access_token}), never the account's own exchange.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.user.sync.on-registration=false")
@DirtiesContext
class ComponentOAuthIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String REDIRECT = "https://shop.example/wechat/back";

    private static ComponentPushRelay relay;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void start() throws Exception {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT, Topics.COMPONENT);
        relay = new ComponentPushRelay();
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void anAuthorizedAccountsUserIsAskedForAndExchangedThroughTheComponent() {
        String componentAppId = appId();
        String tenantId = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        String appId = appId();
        component(componentAppId);
        authorize(tenantId, componentAppId, appId);
        TestAccount account = new TestAccount(tenantId, appId);
        WebTestClient admin = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(admin);
        String base = "/api/v1/tenants/" + tenantId + "/accounts/" + appId;
        admin.put()
                .uri(base + "/oauth/redirect-uris")
                .bodyValue(Map.of("redirectUris", List.of("https://shop.example/wechat/")))
                .exchange()
                .expectStatus()
                .isOk();
        OAuthBrowser browser = new OAuthBrowser("http://localhost:" + port);

        URI wechat = browser.toWeChat(appId, REDIRECT, "snsapi_userinfo", "c-state");
        assertThat(wechat.toString()).contains("&component_appid=" + componentAppId + "#wechat_redirect");
        URI back = OAuthBrowser.found(browser.callback(browser.consent(appId, "oComponentUser1", wechat, false)));

        assertThat(OAuthBrowser.query(back).getFirst("state")).isEqualTo("c-state");
        Map<String, Object> identity = admin.post()
                .uri(base + "/oauth/codes/" + OAuthBrowser.query(back).getFirst("code") + ":redeem")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(identity).containsEntry("openId", "oComponentUser1").containsEntry("snapshotUser", false);
        assertThat(identity.get("profile").toString()).contains("nickname=用户ser1");
        assertThat(account.apiCalls())
                .contains("sns/oauth2/component/access_token", "sns/userinfo")
                .doesNotContain("sns/oauth2/access_token");
    }

    /** The component in token-service and at WeChat (the sandbox), whose first ticket reaches token-service. */
    private static void component(String componentAppId) {
        String secret = "csecret-" + UUID.randomUUID();
        String token = "ctoken" + ThreadLocalRandom.current().nextInt(1_000_000);
        tokenService(TestIssuer.shared().operator())
                .put()
                .uri("/api/v1/components/{c}", componentAppId)
                .bodyValue(Map.of("appSecret", secret, "token", token, "encodingAesKey", AES_KEY))
                .exchange()
                .expectStatus()
                .isOk();
        TestAccount.sandbox()
                .post()
                .uri("/sandbox/components")
                .bodyValue(Map.of(
                        "componentAppId",
                        componentAppId,
                        "componentAppSecret",
                        secret,
                        "token",
                        token,
                        "encodingAesKey",
                        AES_KEY,
                        "authEventUrl",
                        relay.url(componentAppId, token, AES_KEY),
                        "messageUrlTemplate",
                        "http://127.0.0.1:9/wx/component/" + componentAppId + "/$APPID$/callback",
                        "verifyTicketInterval",
                        "PT0S"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** The owner of {@code appId} authorizes the component for the tenant; WeChat's push completes it. */
    private static void authorize(String tenantId, String componentAppId, String appId) {
        tokenService(TestIssuer.shared().operator())
                .post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .exchange()
                .expectStatus()
                .isCreated();
        WebTestClient tenantAdmin = tokenService(TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN));
        Map<String, Object> started = Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            EntityExchangeResult<Map<String, Object>> result = tenantAdmin
                                    .post()
                                    .uri("/api/v1/tenants/{t}/authorizations", tenantId)
                                    .bodyValue(Map.of("componentAppId", componentAppId))
                                    .exchange()
                                    .expectBody(JSON)
                                    .returnResult();
                            return result.getStatus() == HttpStatus.CREATED ? result.getResponseBody() : null;
                        },
                        Objects::nonNull);
        String loginPage = (String) started.get("url");
        String preAuthCode = URLDecoder.decode(
                UriComponentsBuilder.fromUriString(loginPage)
                        .build()
                        .getQueryParams()
                        .getFirst("pre_auth_code"),
                StandardCharsets.UTF_8);
        // The owner opens WeChat's login page (the sandbox's: token-service here names WeChat's real host).
        URI page = URI.create(loginPage);
        TestAccount.sandbox()
                .get()
                .uri(URI.create(RealDependencies.sandboxUrl() + page.getRawPath() + "?" + page.getRawQuery()))
                .exchange()
                .expectStatus()
                .isOk();
        TestAccount.sandbox()
                .post()
                .uri("/sandbox/components/{c}/authorizations", componentAppId)
                .bodyValue(Map.of(
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
                        "redirect",
                        false,
                        "push",
                        true))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> tenantAdmin
                                .get()
                                .uri("/api/v1/tenants/{t}/authorizations/{a}", tenantId, started.get("authorizationId"))
                                .exchange()
                                .expectBody(JSON)
                                .returnResult()
                                .getResponseBody()
                                .get("state"),
                        "COMPLETED"::equals);
    }

    private static WebTestClient tokenService(String bearer) {
        return WebTestClient.bindToServer()
                .baseUrl(RealDependencies.tokenServiceUrl())
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(headers -> headers.setBearerAuth(bearer))
                .build();
    }

    private static String appId() {
        return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
