package io.wxplatform.sandbox.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/** WeChat's web authorization as the sandbox plays it: the page, a follower's consent, the code's one use. */
class OAuthIT extends SandboxITSupport {

    private static final String PAGE = "/connect/oauth2/authorize?appid=" + APP_ID
            + "&redirect_uri=https://platform.example/oauth/cb&response_type=code&scope=snsapi_userinfo&state=st-1"
            + "#wechat_redirect";

    @Test
    void anApprovedPageGivesACodeThatWorksOnceForATokenThatOpensUserInfo() {
        createAccount();
        http.get()
                .uri(PAGE.substring(0, PAGE.indexOf('#')))
                .exchange()
                .expectStatus()
                .isOk();

        MultiValueMap<String, String> back = consent("oWeb1", false);
        assertThat(back.getFirst("state")).isEqualTo("st-1");
        String code = back.getFirst("code");

        Map<String, Object> token = exchange(code, SECRET);
        assertThat(token)
                .containsEntry("openid", "oWeb1")
                .containsEntry("scope", "snsapi_userinfo")
                .doesNotContainKey("is_snapshotuser");
        assertThat(exchange(code, SECRET)).containsEntry("errcode", 40163);
        assertThat(get("/sns/userinfo?access_token=" + token.get("access_token") + "&openid=oWeb1&lang=zh_CN"))
                .containsEntry("openid", "oWeb1")
                .containsKey("nickname");
        assertThat(get("/sns/userinfo?access_token=" + token.get("access_token") + "&openid=oOther"))
                .containsEntry("errcode", 40003);
    }

    @Test
    void codesExpireAfterFiveMinutesAndAreRefusedForAWrongSecretOrAnUnknownCode() {
        createAccount();
        String late = consent("oWeb2", false).getFirst("code");
        String wrongSecret = consent("oWeb2", false).getFirst("code");
        http.post()
                .uri("/sandbox/clock/advance")
                .bodyValue(Map.of("seconds", 301))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(exchange(late, SECRET)).containsEntry("errcode", 42003);
        assertThat(exchange(wrongSecret, "not-the-secret")).containsEntry("errcode", 40125);
        assertThat(exchange("no-such-code", SECRET)).containsEntry("errcode", 40029);
    }

    @Test
    void aSnapshotVisitIsMarkedInTheTokenAnswer() {
        createAccount();
        assertThat(exchange(consent("oSnap", true).getFirst("code"), SECRET)).containsEntry("is_snapshotuser", 1);
    }

    @Test
    void aPageForAComponentTheAccountDidNotAuthorizeIsRefused() {
        createAccount();
        http.post()
                .uri("/sandbox/accounts/{a}/followers/oWeb3/oauth/consent", APP_ID)
                .bodyValue(Map.of("url", "http://sandbox" + PAGE.replace("#", "&component_appid=wxnotmine#")))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private MultiValueMap<String, String> consent(String openId, boolean snapshot) {
        URI location = http.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/oauth/consent", APP_ID, openId)
                .bodyValue(Map.of("url", "http://sandbox" + PAGE, "snapshot", snapshot))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.FOUND)
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
        assertThat(location.toString()).startsWith("https://platform.example/oauth/cb?code=");
        return UriComponentsBuilder.fromUri(location).build().getQueryParams();
    }

    private Map<String, Object> exchange(String code, String secret) {
        return get("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=" + secret + "&code=" + code
                + "&grant_type=authorization_code");
    }

    private Map<String, Object> get(String uri) {
        return http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
