package io.wxplatform.token.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TokenServiceITSupport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/** The internal web-authorization API against the sandbox: the exchange happens where the AppSecret is. */
class OAuthExchangeIT extends TokenServiceITSupport {

    @Test
    void aDirectAccountsCodeIsExchangedOnceWithItsSecret() {
        Registered account = registered();
        internalGet("/internal/v1/accounts/{a}/oauth/client", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.appId")
                .isEqualTo(account.appId())
                .jsonPath("$.componentAppId")
                .doesNotExist();
        String code = approvedCode(account.appId(), "oWebUser");

        Map<String, Object> grant = exchange(account.appId(), code, HttpStatus.OK);
        assertThat(grant)
                .containsEntry("openId", "oWebUser")
                .containsEntry("scope", "snsapi_base")
                .containsEntry("snapshotUser", false)
                .containsKey("accessToken");
        assertThat(grant.toString()).doesNotContain(account.secret());

        assertThat(exchange(account.appId(), code, HttpStatus.BAD_GATEWAY))
                .containsEntry("code", "WECHAT_ERROR")
                .containsEntry("errcode", 40163);
        assertThat(exchange(account.appId(), "", HttpStatus.BAD_REQUEST)).containsEntry("code", "VALIDATION_FAILED");
    }

    @Test
    void theInternalOAuthApiNeedsTheServiceCredential() {
        Registered account = registered();

        http.post()
                .uri("/internal/v1/accounts/{a}/oauth/exchange", account.appId())
                .bodyValue(Map.of("code", "x"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/internal/v1/accounts/{a}/oauth/client", account.appId())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private Map<String, Object> exchange(String appId, String code, HttpStatus expected) {
        return http.post()
                .uri("/internal/v1/accounts/{a}/oauth/exchange", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .bodyValue(Map.of("code", code))
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
    }

    /** A follower approves WeChat's page (the sandbox) for the account; the code WeChat sends back. */
    private static String approvedCode(String appId, String openId) {
        String page = Sandbox.url() + "/connect/oauth2/authorize?appid=" + appId
                + "&redirect_uri=https://platform.example/cb&response_type=code&scope=snsapi_base&state=s";
        URI back = WebTestClient.bindToServer()
                .baseUrl(Sandbox.url())
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/sandbox/accounts/{a}/followers/{o}/oauth/consent", appId, openId)
                .bodyValue(Map.of("url", page))
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
        return UriComponentsBuilder.fromUri(back).build().getQueryParams().getFirst("code");
    }
}
