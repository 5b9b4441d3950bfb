package io.wxplatform.sandbox.kf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.sandbox.follower.FakePlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentApiIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";
    private static final String AGENT = "alice@shop";

    private FakePlatform platform;
    private String accessToken;

    @BeforeEach
    void verifiedServiceAccount() {
        platform = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        account.put("type", "SERVICE");
        account.put("verified", true);
        createAccount(account);
        accessToken = accessToken();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private Map<String, Object> post(String api, Map<String, Object> body) {
        return postJson("/customservice/" + api + "?access_token=" + accessToken, body);
    }

    private Map<String, Object> createSession() {
        return post("kfsession/create", Map.of("kf_account", AGENT, "openid", ALICE));
    }

    @Test
    void anAgentTakesAFollowerOnlyWhenBoundAndOnlineAndThePlatformHearsOfIt() {
        followerSays(ALICE, "hello");
        assertThat(errcode(post("kfaccount/add", Map.of("kf_account", AGENT, "nickname", "Alice"))))
                .isEqualTo(0);
        assertThat(errcode(post("kfaccount/add", Map.of("kf_account", AGENT, "nickname", "Alice"))))
                .isEqualTo(65406);
        assertThat(errcode(post("kfaccount/add", Map.of("kf_account", "no-at-sign", "nickname", "Bob"))))
                .isEqualTo(65404);

        assertThat(errcode(createSession())).as("not bound to a WeChat user").isEqualTo(65402);
        http.put()
                .uri("/sandbox/accounts/{a}/agents/{k}", APP_ID, AGENT)
                .bodyValue(Map.of("bound", true, "online", false))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(errcode(createSession())).as("offline").isEqualTo(65415);
        http.put()
                .uri("/sandbox/accounts/{a}/agents/{k}", APP_ID, AGENT)
                .bodyValue(Map.of("bound", true, "online", true))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(errcode(createSession())).isEqualTo(0);

        assertThat(getJson("/customservice/kfsession/getsession?access_token={t}&openid={o}", accessToken, ALICE))
                .containsEntry("kf_account", AGENT);
        assertThat(getJson("/cgi-bin/customservice/getonlinekflist?access_token={t}", accessToken)
                        .get("kf_online_list")
                        .toString())
                .contains("accepted_case=1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> platform.received().stream().anyMatch(r -> r.body().contains("kf_create_session")));
        assertThat(errcode(post("kfsession/close", Map.of("kf_account", AGENT, "openid", ALICE))))
                .isEqualTo(0);
        assertThat(errcode(post("kfsession/close", Map.of("kf_account", AGENT, "openid", ALICE))))
                .isEqualTo(65413);
        List<?> history = (List<?>) postJson(
                        "/customservice/msgrecord/getmsglist?access_token=" + accessToken,
                        Map.of("starttime", 1, "endtime", 2, "msgid", 1, "number", 10))
                .get("recordlist");
        assertThat(history).isEmpty();
        assertThat(errcode(postJson(
                        "/customservice/msgrecord/getmsglist?access_token=" + accessToken,
                        Map.of("starttime", 1, "endtime", 1 + 24 * 3600 + 1, "msgid", 1, "number", 10))))
                .isEqualTo(65417);
    }

    @Test
    void anUnverifiedAccountMayNotManageAgents() {
        http.patch()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .bodyValue(Map.of("verified", false))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();

        assertThat(errcode(getJson("/cgi-bin/customservice/getkflist?access_token={t}", accessToken)))
                .isEqualTo(48001);
    }
}
