package io.wxplatform.sandbox.menu;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Menus as WeChat keeps them: checks and error codes, conditional menus, try-match and the current menu. */
class MenuApiIT extends SandboxITSupport {

    private static final Map<String, Object> CLICK = Map.of("type", "click", "name", "今日歌曲", "key", "V1001");
    private static final Map<String, Object> VIEW = Map.of("type", "view", "name", "搜索", "url", "http://x.example/");

    private String token;

    private void account(String type, boolean verified) {
        Map<String, Object> account = account(APP_ID);
        account.put("type", type);
        account.put("verified", verified);
        createAccount(account);
        token = accessToken();
    }

    @Test
    void aCreatedMenuIsReadBackAndShownAsTheCurrentMenu() {
        account("SERVICE", false);
        Map<String, Object> menu = Map.of("button", List.of(CLICK, Map.of("name", "菜单", "sub_button", List.of(VIEW))));

        assertThat(errcode(post("menu/create", menu))).isEqualTo(0);

        Map<String, Object> got = getJson("/cgi-bin/menu/get?access_token={t}", token);
        assertThat(got.get("menu").toString()).contains("V1001", "http://x.example/");
        Map<String, Object> current = getJson("/cgi-bin/get_current_selfmenu_info?access_token={t}", token);
        assertThat(current).containsEntry("is_menu_open", 1);
        assertThat(current.get("selfmenu_info").toString()).contains("sub_button={list=[");

        getJson("/cgi-bin/menu/delete?access_token={t}", token);
        assertThat(errcode(getJson("/cgi-bin/menu/get?access_token={t}", token)))
                .isEqualTo(46003);
    }

    @Test
    void menusBreakingWeChatsRulesGetItsErrorCodes() {
        account("SERVICE", true);

        assertThat(errcode(post("menu/create", Map.of("button", List.of())))).isEqualTo(40016);
        assertThat(errcode(post("menu/create", Map.of("button", List.of(CLICK, CLICK, CLICK, CLICK)))))
                .isEqualTo(40016);
        assertThat(errcode(post("menu/create", Map.of("button", List.of(Map.of("type", "sparkle", "name", "a"))))))
                .isEqualTo(40017);
        assertThat(errcode(post(
                        "menu/create",
                        Map.of("button", List.of(Map.of("type", "click", "name", "一二三四五六", "key", "k"))))))
                .isEqualTo(40018);
        assertThat(errcode(post(
                        "menu/create",
                        Map.of(
                                "button",
                                List.of(Map.of(
                                        "name",
                                        "p",
                                        "sub_button",
                                        List.of(CLICK, CLICK, CLICK, CLICK, CLICK, CLICK)))))))
                .isEqualTo(40023);
    }

    @Test
    void conditionalMenusMatchOnTagsOnlyAndNeedTheirMenuIdToBeDeleted() {
        account("SERVICE", true);
        http.post()
                .uri("/sandbox/accounts/" + APP_ID + "/followers/bulk")
                .bodyValue(Map.of("count", 2, "openIdPrefix", "oM"))
                .exchange()
                .expectStatus()
                .isCreated();
        String tagged = "oM" + "0".repeat(26);
        String plain = "oM" + "0".repeat(25) + "1";
        Map<String, Object> vip = Map.of("type", "click", "name", "VIP", "key", "VIP");

        assertThat(errcode(post(
                        "menu/addconditional", Map.of("button", List.of(vip), "matchrule", Map.of("tag_id", "2")))))
                .isEqualTo(65303);
        post("menu/create", Map.of("button", List.of(CLICK)));
        assertThat(errcode(
                        post("menu/addconditional", Map.of("button", List.of(vip), "matchrule", Map.of("sex", "1")))))
                .isEqualTo(65320);
        int tagId = ((Number) ((Map<?, ?>) post("tags/create", Map.of("tag", Map.of("name", "VIP")))
                                .get("tag"))
                        .get("id"))
                .intValue();
        post("tags/members/batchtagging", Map.of("tagid", tagId, "openid_list", List.of(tagged)));
        Map<String, Object> added = post(
                "menu/addconditional",
                Map.of("button", List.of(vip), "matchrule", Map.of("tag_id", String.valueOf(tagId))));
        String menuId = (String) added.get("menuid");

        assertThat(post("menu/trymatch", Map.of("user_id", tagged)).toString()).contains("VIP");
        assertThat(post("menu/trymatch", Map.of("user_id", plain)).toString()).contains("V1001");
        assertThat(errcode(post("menu/trymatch", Map.of("user_id", "oNobody")))).isEqualTo(65302);
        assertThat(errcode(post("menu/delconditional", Map.of("menuid", "1")))).isEqualTo(65301);
        assertThat(errcode(post("menu/delconditional", Map.of("menuid", menuId))))
                .isEqualTo(0);
        assertThat(post("menu/trymatch", Map.of("user_id", tagged)).toString()).contains("V1001");
    }

    @Test
    void anUnverifiedSubscriptionAccountMayNotCallMenus() {
        account("SUBSCRIPTION", false);

        assertThat(errcode(post("menu/create", Map.of("button", List.of(CLICK)))))
                .isEqualTo(48001);
    }

    @Test
    void aMenuSetInWeChatsConsoleIsWhatFollowersSee() {
        account("SERVICE", true);
        post("menu/create", Map.of("button", List.of(CLICK)));

        http.put()
                .uri("/sandbox/accounts/" + APP_ID + "/menu")
                .bodyValue(Map.of("button", List.of(VIEW)))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(getJson("/cgi-bin/get_current_selfmenu_info?access_token={t}", token)
                        .toString())
                .contains("http://x.example/")
                .doesNotContain("V1001");
    }

    private Map<String, Object> post(String api, Map<String, Object> body) {
        return postJson("/cgi-bin/" + api + "?access_token=" + token, body);
    }
}
