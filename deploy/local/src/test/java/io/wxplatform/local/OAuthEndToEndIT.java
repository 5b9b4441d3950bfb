package io.wxplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.auth.TestIssuer;
import java.io.IOException;
import java.net.URI;
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
