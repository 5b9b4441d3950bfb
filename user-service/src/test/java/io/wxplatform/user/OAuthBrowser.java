package io.wxplatform.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A browser going through the OAuth broker without a JWT: the platform's authorize URL, WeChat's page (the sandbox,
 * where a follower approves), the platform's callback, and back to the tenant's page. Redirects are followed by
 * hand so each hop can be checked.
 */
public final class OAuthBrowser {

    /** user-service's configured public URL in the ITs: WeChat's redirect_uri must be built from it. */
    public static final String PUBLIC_URL = "https://platform.example";

    private final WebTestClient userService;

    public OAuthBrowser(String userServiceUrl) {
        this.userService = WebTestClient.bindToServer()
                .baseUrl(userServiceUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The platform's authorize URL as the tenant's page links to it. */
    public EntityExchangeResult<byte[]> authorize(String appId, String redirectUri, String scope, String state) {
        return userService
                .get()
                .uri(builder -> builder.path("/oauth/{appId}/authorize")
                        .queryParam("redirect_uri", "{r}")
                        .queryParam("scope", "{s}")
                        .queryParam("state", "{st}")
                        .build(appId, redirectUri, scope, state))
                .exchange()
                .expectBody()
                .returnResult();
    }

    /** Where the platform sends the browser: WeChat's authorize page. */
    public URI toWeChat(String appId, String redirectUri, String scope, String state) {
        return found(authorize(appId, redirectUri, scope, state));
    }

    /** The follower approves WeChat's page; WeChat sends the browser to the platform's callback. */
    public URI consent(String appId, String openId, URI wechatPage, boolean snapshot) {
        return found(TestAccount.sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/oauth/consent", appId, openId)
                .bodyValue(Map.of("url", wechatPage.toString(), "snapshot", snapshot))
                .exchange()
                .expectBody()
                .returnResult());
    }

    /** The platform's callback, reached at its public URL (here: user-service itself). */
    public EntityExchangeResult<byte[]> callback(URI callback) {
        assertThat(callback.toString()).startsWith(PUBLIC_URL + "/oauth/");
        return userService
                .get()
                .uri(callback.getRawPath() + "?" + callback.getRawQuery())
                .exchange()
                .expectBody()
                .returnResult();
    }

    /** Authorize, consent and callback: the tenant's page with the platform's code and the tenant's state. */
    public URI roundTrip(
            String appId, String openId, String redirectUri, String scope, String state, boolean snapshot) {
        URI callback = consent(appId, openId, toWeChat(appId, redirectUri, scope, state), snapshot);
        return found(callback(callback));
    }

    public static MultiValueMap<String, String> query(URI uri) {
        return UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    }

    public static URI found(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus())
                .as("302 expected, got %s: %s", result.getStatus(), body(result))
                .isEqualTo(HttpStatus.FOUND);
        URI location = result.getResponseHeaders().getLocation();
        assertThat(location).isNotNull();
        return location;
    }

    public static String body(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody());
    }
}
