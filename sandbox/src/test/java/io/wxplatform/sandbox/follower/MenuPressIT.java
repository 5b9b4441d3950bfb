package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The follower presses buttons of the account's menu; the platform receives WeChat's menu events. */
class MenuPressIT extends SandboxITSupport {

    private static final String BOB = "oBob00000000000000000000000";

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() {
        platform = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        createAccount(account);
        postJson(
                "/cgi-bin/menu/create?access_token=" + accessToken(),
                Map.of(
                        "button",
                        List.of(
                                Map.of("type", "click", "name", "今日歌曲", "key", "V1001_TODAY_MUSIC"),
                                Map.of(
                                        "name",
                                        "菜单",
                                        "sub_button",
                                        List.of(Map.of("type", "view", "name", "搜索", "url", "http://x.example/"))))));
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Test
    void pressingAClickButtonSendsItsKey() {
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + BOB + "/menu/press", Map.of("button", "今日歌曲"));

        assertThat(platform.received()).hasSize(1);
        assertThat(platform.received().get(0).body())
                .contains("<Event><![CDATA[CLICK]]></Event>", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>");
    }

    @Test
    void pressingAViewSubButtonSendsItsUrl() {
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + BOB + "/menu/press", Map.of("button", "菜单/搜索"));

        assertThat(platform.received().get(0).body())
                .contains("<Event><![CDATA[VIEW]]></Event>", "<EventKey><![CDATA[http://x.example/]]></EventKey>");
    }

    @Test
    void aButtonTheFollowerDoesNotSeeIsNotFound() {
        http.post()
                .uri("/sandbox/accounts/" + APP_ID + "/followers/" + BOB + "/menu/press")
                .bodyValue(Map.of("button", "nope"))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(platform.received()).isEmpty();
    }
}
