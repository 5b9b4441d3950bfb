package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OAuth broker through the gateway, as a browser and a tenant's backend meet it: the public authorize URL and
 * callback without a token, WeChat's page played by the sandbox, and the redemption of the platform code with the
 * tenant's token. WeChat is sent back to the gateway's URL (user-service's configured public URL).
 */
class OAuthEndToEndIT {

    private static final TestIssuer ISSUER = TestIssuer.shared();
    private static final String TENANT = "e2e-oauth";
    private static final String APP_ID = "wx00e2e0000000da01";
    private static final HttpClient BROWSER = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final String COMPONENT_TENANT = "e2e-oauth-component";
    private static final String COMPONENT_APP_ID = "wx00e2e0000000dc01";
    private static final String COMPONENT_ACCOUNT = "wx00e2e0000000da02";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = E2ePlatform.get().platform();
    }

    @Test
    void aBrowserGoesThroughTheGatewayToWeChatAndBackAndTheTenantRedeemsTheCodeOnce() throws Exception {
        String gateway = platform.gatewayUrl();
        var admin = Http.bearer(ISSUER.mint(TENANT, "tenant-admin"));
        assertThat(Http.postJson(
                                gateway + "/api/v1/tenants",
                                "{\"id\":\"" + TENANT + "\",\"name\":\"OAuth\"}",
                                Http.bearer(ISSUER.operator()))
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(gateway + "/api/v1/tenants/" + TENANT + "/accounts", """
                {"appId":"%s","name":"OAuth","type":"SERVICE","verified":true,"appSecret":"e2e-oauth-secret-01",
                 "callbackToken":"oatoken","encodingAesKey":"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}""".formatted(APP_ID), admin)
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(platform.sandboxUrl() + "/sandbox/accounts", """
                {"appId":"%s","secret":"e2e-oauth-secret-01","name":"OAuth","type":"SERVICE","verified":true}""".formatted(APP_ID))
                        .status())
                .isEqualTo(201);
        String oauth = gateway + "/api/v1/tenants/" + TENANT + "/accounts/" + APP_ID + "/oauth";
        // user-service learns the account from token-service's notice; until then the account is not found.
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> put(
                                        oauth + "/redirect-uris",
                                        "{\"redirectUris\":[\"https://shop.example/wechat/\"]}",
                                        admin.get("Authorization"))
                                .statusCode()
                        == 200);

        assertRefused(gateway, APP_ID);
        HttpResponse<String> toWeChat = get(gateway + "/oauth/" + APP_ID + "/authorize?redirect_uri="
                + URLEncoder.encode("https://shop.example/wechat/back", StandardCharsets.UTF_8)
                + "&scope=snsapi_base&state=cart-42");
        assertThat(toWeChat.statusCode()).as(toWeChat.body()).isEqualTo(302);
        String wechat = location(toWeChat);
        assertThat(wechat)
                .startsWith(platform.sandboxUrl() + "/connect/oauth2/authorize?appid=" + APP_ID + "&redirect_uri="
                        + gateway + "/oauth/" + APP_ID + "/callback");

        HttpResponse<String> approved = BROWSER.send(
                HttpRequest.newBuilder(URI.create(platform.sandboxUrl() + "/sandbox/accounts/" + APP_ID
                                + "/followers/o-e2e-web/oauth/consent"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + wechat + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).isEqualTo(302);
        HttpResponse<String> back = get(location(approved));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        var query = UriComponentsBuilder.fromUriString(location(back)).build().getQueryParams();
        assertThat(location(back)).startsWith("https://shop.example/wechat/back?code=");
        assertThat(query.getFirst("state")).isEqualTo("cart-42");

        String redeem = oauth + "/codes/" + query.getFirst("code") + ":redeem";
        var identity = Http.postJson(redeem, "", admin);
        assertThat(identity.status()).isEqualTo(200);
        assertThat(identity.<String>read("$.openId")).isEqualTo("o-e2e-web");
        assertThat(identity.<String>read("$.scope")).isEqualTo("snsapi_base");
        assertThat(Http.postJson(redeem, "", admin).status()).isEqualTo(409);
        assertThat(get(location(approved)).statusCode())
                .as("the callback replayed")
                .isEqualTo(400);
    }

    /**
     * An account that authorized the platform as a third-party platform (component), set up through the gateway as an
     * operator and a tenant do it, with WeChat's pushes (verify ticket, authorization) to the gateway's callback path:
     * WeChat's page is asked with {@code component_appid}, and the code is exchanged with the component's token
     * ({@code sns/oauth2/component/access_token}), never the account's own exchange.
     */
    @Test
    void aComponentAccountsBrowserGoesThroughTheGatewayToWeChatWithTheComponentAndBack() throws Exception {
        String gateway = platform.gatewayUrl();
        String sandbox = platform.sandboxUrl();
        var operator = Http.bearer(ISSUER.operator());
        var admin = Http.bearer(ISSUER.mint(COMPONENT_TENANT, "tenant-admin"));
        // The component in token-service (through the gateway, as the operator) and at WeChat, pushing to the gateway.
        assertThat(put(
                                gateway + "/api/v1/components/" + COMPONENT_APP_ID,
                                """
                                {"appSecret":"e2e-component-secret","token":"e2ectoken","encodingAesKey":"%s"}""".formatted(AES_KEY),
                                operator.get("Authorization"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.postJson(sandbox + "/sandbox/components", """
                {"componentAppId":"%1$s","componentAppSecret":"e2e-component-secret","token":"e2ectoken",
                 "encodingAesKey":"%2$s","authEventUrl":"%3$s/wx/component/%1$s/auth",
                 "messageUrlTemplate":"%3$s/wx/component/%1$s/$APPID$/callback","verifyTicketInterval":"PT0S"}""".formatted(COMPONENT_APP_ID, AES_KEY, gateway))
                        .status())
                .isEqualTo(201);
        assertThat(Http.postJson(
                                gateway + "/api/v1/tenants",
                                "{\"id\":\"" + COMPONENT_TENANT + "\",\"name\":\"OAuth component\"}",
                                operator)
                        .status())
                .isEqualTo(201);
        // The tenant starts the authorization once token-service holds the component's first verify ticket.
        String authorizations = gateway + "/api/v1/tenants/" + COMPONENT_TENANT + "/authorizations";
        Http.Answer started = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> Http.postJson(authorizations, "{\"componentAppId\":\"" + COMPONENT_APP_ID + "\"}", admin),
                        answer -> answer.status() == 201);
        String loginPage = started.read("$.url");
        assertThat(loginPage).startsWith(sandbox);
        assertThat(Http.get(loginPage).status()).isEqualTo(200);
        String preAuthCode = UriComponentsBuilder.fromUriString(loginPage)
                .build()
                .getQueryParams()
                .getFirst("pre_auth_code");
        assertThat(Http.postJson(sandbox + "/sandbox/components/" + COMPONENT_APP_ID + "/authorizations", """
                {"preAuthCode":"%s","authorizerAppId":"%s","name":"Component shop","type":"SERVICE","verified":true,
                 "redirect":false,"push":true}""".formatted(
                                        URLDecoder.decode(preAuthCode, StandardCharsets.UTF_8), COMPONENT_ACCOUNT))
                        .status())
                .isBetween(200, 299);
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> Http.get(authorizations + "/" + started.read("$.authorizationId"), admin)
                                .<String>read("$.state"),
                        "COMPLETED"::equals);
        String oauth = gateway + "/api/v1/tenants/" + COMPONENT_TENANT + "/accounts/" + COMPONENT_ACCOUNT + "/oauth";
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> put(
                                        oauth + "/redirect-uris",
                                        "{\"redirectUris\":[\"https://shop.example/wechat/\"]}",
                                        admin.get("Authorization"))
                                .statusCode()
                        == 200);

        assertRefused(gateway, COMPONENT_ACCOUNT);
        HttpResponse<String> toWeChat = get(gateway + "/oauth/" + COMPONENT_ACCOUNT + "/authorize?redirect_uri="
                + URLEncoder.encode("https://shop.example/wechat/back", StandardCharsets.UTF_8)
                + "&scope=snsapi_userinfo&state=c-cart-7");
        assertThat(toWeChat.statusCode()).as(toWeChat.body()).isEqualTo(302);
        String wechat = location(toWeChat);
        assertThat(wechat)
                .startsWith(sandbox + "/connect/oauth2/authorize?appid=" + COMPONENT_ACCOUNT + "&redirect_uri="
                        + gateway + "/oauth/" + COMPONENT_ACCOUNT + "/callback")
                .contains("&component_appid=" + COMPONENT_APP_ID + "#wechat_redirect");
        HttpResponse<String> approved = consent(sandbox, COMPONENT_ACCOUNT, "o-e2e-component-web", wechat);
        assertThat(approved.statusCode()).isEqualTo(302);
        HttpResponse<String> back = get(location(approved));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(location(back)).startsWith("https://shop.example/wechat/back?code=");
        var query = UriComponentsBuilder.fromUriString(location(back)).build().getQueryParams();
        assertThat(query.getFirst("state")).isEqualTo("c-cart-7");

        String redeem = oauth + "/codes/" + query.getFirst("code") + ":redeem";
        var identity = Http.postJson(redeem, "", admin);
        assertThat(identity.status()).as(identity.body()).isEqualTo(200);
        assertThat(identity.<String>read("$.openId")).isEqualTo("o-e2e-component-web");
        assertThat(identity.<String>read("$.scope")).isEqualTo("snsapi_userinfo");
        assertThat(identity.body()).doesNotContain("access_token").doesNotContain("accessToken");
        assertThat(Http.postJson(redeem, "", admin).status())
                .as("the platform code reused")
                .isEqualTo(409);
        assertThat(get(location(approved)).statusCode())
                .as("the callback replayed (state and WeChat's code again)")
                .isEqualTo(400);
        String calls = Http.get(sandbox + "/sandbox/accounts/" + COMPONENT_ACCOUNT + "/api-calls")
                .body();
        assertThat(calls)
                .contains("\"sns/oauth2/component/access_token\"", "\"sns/userinfo\"")
                .doesNotContain("\"sns/oauth2/access_token\"");
    }

    /** A redirect_uri off the account's allowlist: 400, never a redirect. */
    private static void assertRefused(String gateway, String appId) throws Exception {
        HttpResponse<String> refused = get(gateway + "/oauth/" + appId + "/authorize?redirect_uri="
                + URLEncoder.encode("https://shop.example.evil.example/wechat/back", StandardCharsets.UTF_8)
                + "&scope=snsapi_base&state=s");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    private static HttpResponse<String> consent(String sandbox, String appId, String openId, String wechat)
            throws IOException, InterruptedException {
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(
                                sandbox + "/sandbox/accounts/" + appId + "/followers/" + openId + "/oauth/consent"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + wechat + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String url, String json, String authorization)
            throws IOException, InterruptedException {
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Authorization", authorization)
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }
}
