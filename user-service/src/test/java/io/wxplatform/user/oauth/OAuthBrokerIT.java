package io.wxplatform.user.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.user.OAuthBrowser;
import io.wxplatform.user.RealDependencies;
import io.wxplatform.user.TestAccount;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;

/**
 * The OAuth broker end to end over real HTTP: a browser (the test) through user-service's public paths and the
 * sandbox's authorize page, token-service exchanging WeChat's code, and the tenant's backend redeeming the code.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.user.sync.on-registration=false")
@DirtiesContext
class OAuthBrokerIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String PAGE = "https://shop.example/wechat/";
    private static final String REDIRECT = "https://shop.example/wechat/back?from=menu";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @Test
    void aDirectAccountsUserReachesTheTenantOnceWithProfileAndNoWeChatToken() {
        TestAccount account = configured();
        OAuthBrowser browser = browser();

        URI wechat = browser.toWeChat(account.appId(), REDIRECT, "snsapi_userinfo", "tenant-state-1");
        assertThat(wechat.toString())
                .startsWith(RealDependencies.sandboxUrl() + "/connect/oauth2/authorize?appid=" + account.appId()
                        + "&redirect_uri=" + OAuthBrowser.PUBLIC_URL + "/oauth/" + account.appId() + "/callback"
                        + "&response_type=code&scope=snsapi_userinfo&state=")
                .endsWith("#wechat_redirect")
                .doesNotContain("component_appid")
                .doesNotContain("tenant-state-1");
        URI callback = browser.consent(account.appId(), "oUser0001", wechat, false);
        URI back = OAuthBrowser.found(browser.callback(callback));

        assertThat(back.toString()).startsWith(REDIRECT + "&code=").doesNotContainIgnoringCase("token");
        MultiValueMap<String, String> query = OAuthBrowser.query(back);
        assertThat(query.getFirst("state")).isEqualTo("tenant-state-1");
        String code = query.getFirst("code");
        Map<String, Object> identity = redeem(account, code, HttpStatus.OK);
        assertThat(identity)
                .containsEntry("openId", "oUser0001")
                .containsEntry("scope", "snsapi_userinfo")
                .containsEntry("snapshotUser", false)
                .doesNotContainKeys("accessToken", "access_token");
        assertThat(identity.get("profile").toString()).contains("nickname=用户0001");
        assertThat(account.apiCalls()).contains("sns/oauth2/access_token", "sns/userinfo");

        assertThat(redeem(account, code, HttpStatus.CONFLICT)).containsEntry("code", "OAUTH_CODE_USED");
    }

    @Test
    void aRedirectUriOffTheAllowlistIsA400AndNeverARedirect() {
        TestAccount account = configured();
        OAuthBrowser browser = browser();

        for (String elsewhere : List.of(
                "https://evil.example/wechat/back",
                "https://shop.example/wechatevil",
                "https://shop.example.evil.example/wechat/back",
                "https://shop.example@evil.example/wechat/back",
                "https://shop.example/wechat/../admin",
                "https://shop.example/wechat/%2e%2e/admin",
                "http://shop.example/wechat/back",
                "https://shop.example:8443/wechat/back",
                "//evil.example/wechat/back")) {
            EntityExchangeResult<byte[]> refused = browser.authorize(account.appId(), elsewhere, "snsapi_base", "s");
            assertThat(refused.getStatus()).as(elsewhere).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getResponseHeaders().getLocation()).as(elsewhere).isNull();
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(OAuthBrowser.body(refused)).contains("REDIRECT_URI_NOT_ALLOWED");
        }
        assertThat(OAuthBrowser.body(browser.authorize(account.appId(), REDIRECT, "snsapi_login", "s")))
                .contains("VALIDATION_FAILED");
    }

    @Test
    void aReplayedOrForgedStateIsRefused() {
        TestAccount account = configured();
        OAuthBrowser browser = browser();
        URI wechat = browser.toWeChat(account.appId(), REDIRECT, "snsapi_base", "s1");
        URI callback = browser.consent(account.appId(), "oUser0002", wechat, false);
        OAuthBrowser.found(browser.callback(callback));

        EntityExchangeResult<byte[]> replay = browser.callback(callback);
        assertThat(replay.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(replay.getResponseHeaders().getLocation()).isNull();
        assertThat(OAuthBrowser.body(replay)).contains("OAUTH_STATE_INVALID");

        URI forged = URI.create(OAuthBrowser.PUBLIC_URL + "/oauth/" + account.appId() + "/callback?code=x&state="
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(browser.callback(forged).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(account.apiCalls().stream()
                        .filter("sns/oauth2/access_token"::equals)
                        .count())
                .as("neither the replay nor the forgery reached WeChat")
                .isEqualTo(1);
        assertThat(account.apiCalls()).as("no userinfo after snsapi_base").doesNotContain("sns/userinfo");
    }

    @Test
    void aUserWhoRefusesGoesBackToTheTenantWithAnErrorAndNoCode() {
        TestAccount account = configured();
        OAuthBrowser browser = browser();
        URI wechat = browser.toWeChat(account.appId(), REDIRECT, "snsapi_userinfo", "s-refused");
        String platformState = OAuthBrowser.query(wechat).getFirst("state");

        // WeChat sends a user who refuses back with the state alone.
        URI back = OAuthBrowser.found(browser.callback(URI.create(
                OAuthBrowser.PUBLIC_URL + "/oauth/" + account.appId() + "/callback?state=" + platformState)));

        assertThat(OAuthBrowser.query(back).toSingleValueMap())
                .containsEntry("error", "access_denied")
                .containsEntry("state", "s-refused")
                .doesNotContainKey("code");
        assertThat(account.apiCalls()).doesNotContain("sns/oauth2/access_token");
    }

    @Test
    void anAccountWeChatDoesNotAllowWebAuthorizationIsRefusedBeforeWeChatsPage() {
        TestAccount account = TestAccount.register("SUBSCRIPTION", true);
        WebTestClient http = admin(account);
        account.awaitKnownBy(http);
        http.put()
                .uri(base(account) + "/oauth/redirect-uris")
                .bodyValue(Map.of("redirectUris", List.of(PAGE)))
                .exchange()
                .expectStatus()
                .isOk();

        EntityExchangeResult<byte[]> refused = browser().authorize(account.appId(), REDIRECT, "snsapi_base", "s");

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getResponseHeaders().getLocation()).isNull();
        assertThat(OAuthBrowser.body(refused)).contains("WECHAT_PERMISSION", "OAUTH_WEB_AUTHORIZATION");
    }

    @Test
    void weChatsCodeUsedTwiceIsWeChats40163AndTheTenantIsToldWithoutACode() {
        TestAccount account = configured();
        OAuthBrowser browser = browser();
        URI first = browser.consent(
                account.appId(), "oUser0003", browser.toWeChat(account.appId(), REDIRECT, "snsapi_base", "s1"), false);
        OAuthBrowser.found(browser.callback(first));
        String usedCode = OAuthBrowser.query(first).getFirst("code");

        // The same WeChat code comes back with a fresh platform state (the back button after a new visit).
        URI second = browser.consent(
                account.appId(), "oUser0003", browser.toWeChat(account.appId(), REDIRECT, "snsapi_base", "s2"), false);
        URI reused = URI.create(OAuthBrowser.PUBLIC_URL + second.getRawPath() + "?code=" + usedCode + "&state="
                + OAuthBrowser.query(second).getFirst("state"));
        URI back = OAuthBrowser.found(browser.callback(reused));

        MultiValueMap<String, String> query = OAuthBrowser.query(back);
        assertThat(back.toString()).startsWith(REDIRECT);
        assertThat(query.getFirst("error")).isEqualTo("wechat_refused");
        assertThat(query.getFirst("errcode")).isEqualTo("40163");
        assertThat(query.getFirst("state")).isEqualTo("s2");
        assertThat(query.containsKey("code")).isFalse();
    }

    @Test
    void aSnapshotPageVisitIsReportedAsSuchWithoutProfileAndNeverStoredAsAFollower() {
        TestAccount account = configured();
        URI back = browser().roundTrip(account.appId(), "oSnapshot01", REDIRECT, "snsapi_userinfo", "s", true);

        Map<String, Object> identity = redeem(account, OAuthBrowser.query(back).getFirst("code"), HttpStatus.OK);

        assertThat(identity).containsEntry("snapshotUser", true).containsEntry("openId", "oSnapshot01");
        assertThat(identity.get("profile")).isNull();
        assertThat(account.apiCalls()).doesNotContain("sns/userinfo");
        admin(account)
                .get()
                .uri(base(account) + "/followers/oSnapshot01")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FOLLOWER_NOT_FOUND");
    }

    @Test
    void anAllowlistEntryMustBeAnOriginAndPathAndReplacesTheOldOnes() {
        TestAccount account = configured();
        WebTestClient http = admin(account);

        http.put()
                .uri(base(account) + "/oauth/redirect-uris")
                .bodyValue(
                        Map.of("redirectUris", List.of("https://ok.example/p", "https://x.example/p?q=1", "ftp://x")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors['redirectUris[1]']")
                .exists()
                .jsonPath("$.errors['redirectUris[2]']")
                .exists();
        http.put()
                .uri(base(account) + "/oauth/redirect-uris")
                .bodyValue(Map.of("redirectUris", List.of("HTTPS://Other.Example:443/cb")))
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri(base(account) + "/oauth/redirect-uris")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.redirectUris[0]")
                .isEqualTo("https://other.example/cb")
                .jsonPath("$.redirectUris.length()")
                .isEqualTo(1);
        assertThat(browser()
                        .authorize(account.appId(), REDIRECT, "snsapi_base", "s")
                        .getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    /** A verified service account (WeChat's table: web authorization is theirs alone) with the shop on its list. */
    private TestAccount configured() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = admin(account);
        account.awaitKnownBy(http);
        http.put()
                .uri(base(account) + "/oauth/redirect-uris")
                .bodyValue(Map.of("redirectUris", List.of(PAGE)))
                .exchange()
                .expectStatus()
                .isOk();
        return account;
    }

    private Map<String, Object> redeem(TestAccount account, String code, HttpStatus expected) {
        return admin(account)
                .post()
                .uri(base(account) + "/oauth/codes/" + code + ":redeem")
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private OAuthBrowser browser() {
        return new OAuthBrowser("http://localhost:" + port);
    }

    private WebTestClient admin(TestAccount account) {
        return account.adminClient("http://localhost:" + port);
    }

    private static String base(TestAccount account) {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
    }
}
