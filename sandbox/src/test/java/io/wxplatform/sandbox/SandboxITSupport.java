package io.wxplatform.sandbox;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One sandbox over real HTTP, shared by every IT (same properties, so one cached context), reset before each test. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sandbox.clock.frozen=true",
            "sandbox.token.daily-quota=5",
            "sandbox.token.force-refresh-daily-limit=3",
            "sandbox.callback.timeout=500ms",
            "sandbox.draft.publish-delay=1500ms"
        })
@AutoConfigureWebTestClient
public abstract class SandboxITSupport {

    protected static final String APP_ID = "wx00000000000000a1";
    protected static final String SECRET = "s3cret-0123456789abcdef0123456789";
    protected static final String ORIGINAL_ID = "gh_0123456789ab";
    protected static final String TOKEN = "callbackToken";
    protected static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    protected WebTestClient http;

    @BeforeEach
    void resetSandbox() {
        http.post().uri("/sandbox/reset").exchange().expectStatus().isNoContent();
    }

    protected Map<String, Object> account(String appId) {
        Map<String, Object> account = new HashMap<>();
        account.put("appId", appId);
        account.put("secret", SECRET);
        account.put("originalId", ORIGINAL_ID);
        account.put("token", TOKEN);
        account.put("encodingAesKey", AES_KEY);
        return account;
    }

    protected void createAccount(Map<String, Object> account) {
        http.post()
                .uri("/sandbox/accounts")
                .bodyValue(account)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    protected void createAccount() {
        createAccount(account(APP_ID));
    }

    protected Map<String, Object> fetchToken() {
        return getJson("/cgi-bin/token?grant_type=client_credential&appid={a}&secret={s}", APP_ID, SECRET);
    }

    protected String accessToken() {
        return (String) fetchToken().get("access_token");
    }

    protected Map<String, Object> stableToken(boolean force) {
        return postJson(
                "/cgi-bin/stable_token",
                Map.of("grant_type", "client_credential", "appid", APP_ID, "secret", SECRET, "force_refresh", force));
    }

    protected void advanceClock(long seconds) {
        http.post()
                .uri("/sandbox/clock/advance")
                .bodyValue(Map.of("seconds", seconds))
                .exchange()
                .expectStatus()
                .isOk();
    }

    protected Map<String, Object> sendText(String accessToken, String openId, String content) {
        return postJson(
                "/cgi-bin/message/custom/send?access_token=" + accessToken,
                Map.of("touser", openId, "msgtype", "text", "text", Map.of("content", content)));
    }

    /** The follower writes to the account (opening the 48-hour window); the account here has no callback URL. */
    protected Map<String, Object> followerSays(String openId, String content) {
        return postJson(
                "/sandbox/accounts/" + APP_ID + "/followers/" + openId + "/messages",
                Map.of("msgType", "text", "content", content));
    }

    protected Map<String, Object> getJson(String uri, Object... vars) {
        return http.get()
                .uri(uri, vars)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    protected Map<String, Object> postJson(String uri, Object body) {
        return http.post()
                .uri(uri)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    protected static Object errcode(Map<String, Object> response) {
        return response.get("errcode");
    }
}
