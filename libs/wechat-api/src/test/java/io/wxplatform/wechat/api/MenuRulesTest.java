package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WeChat's menu rules, each reported against the field that breaks it. */
class MenuRulesTest {

    private static MenuButton button(String type, String name) {
        return new MenuButton(type, name, null, null, null, null, null, null, List.of());
    }

    @Test
    void aMenuOfEveryButtonTypeFilledInProperlyPasses() {
        Menu menu = new Menu(List.of(
                MenuButton.click("今日歌曲", "V1001_TODAY_MUSIC"),
                MenuButton.parent(
                        "菜单",
                        List.of(
                                MenuButton.view("搜索", "http://www.soso.com/"),
                                new MenuButton(
                                        "miniprogram",
                                        "wxa",
                                        null,
                                        "http://mp.weixin.qq.com",
                                        null,
                                        "wx286b93c14bbf93aa",
                                        "pages/lunar/index",
                                        null,
                                        List.of()),
                                new MenuButton(
                                        "scancode_push",
                                        "扫码",
                                        "rselfmenu_0_1",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        List.of()),
                                new MenuButton("media_id", "图片", null, null, "MEDIA_ID1", null, null, null, List.of()),
                                new MenuButton(
                                        "article_view_limited",
                                        "文章",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "ARTICLE1",
                                        List.of()))),
                MenuButton.parent(
                        "更多",
                        List.of(
                                new MenuButton("scancode_waitmsg", "a", "k1", null, null, null, null, null, List.of()),
                                new MenuButton("pic_sysphoto", "b", "k2", null, null, null, null, null, List.of()),
                                new MenuButton(
                                        "pic_photo_or_album", "c", "k3", null, null, null, null, null, List.of()),
                                new MenuButton("pic_weixin", "d", "k4", null, null, null, null, null, List.of()),
                                new MenuButton(
                                        "location_select", "e", "k5", null, null, null, null, null, List.of())))));

        assertThat(MenuRules.violations(menu)).isEmpty();
    }

    @Test
    void zeroOrFourTopButtonsAreRefused() {
        assertThat(MenuRules.violations(new Menu(List.of()))).containsKey("buttons");
        assertThat(MenuRules.violations(new Menu(List.of(
                        MenuButton.click("a", "a"),
                        MenuButton.click("b", "b"),
                        MenuButton.click("c", "c"),
                        MenuButton.click("d", "d")))))
                .containsOnlyKeys("buttons");
    }

    @Test
    void sixSubButtonsAreRefused() {
        List<MenuButton> six = List.of(
                MenuButton.click("1", "1"),
                MenuButton.click("2", "2"),
                MenuButton.click("3", "3"),
                MenuButton.click("4", "4"),
                MenuButton.click("5", "5"),
                MenuButton.click("6", "6"));

        assertThat(MenuRules.violations(new Menu(List.of(MenuButton.parent("p", six)))))
                .containsOnlyKeys("buttons[0].subButtons");
    }

    @Test
    void namesAreCountedInUtf8Bytes() {
        // Six Chinese characters are 18 bytes: over the top-level 16, within the sub-button 60.
        String six = "一二三四五六";
        Map<String, String> errors = MenuRules.violations(new Menu(
                List.of(MenuButton.click(six, "k"), MenuButton.parent("p", List.of(MenuButton.click(six, "k"))))));

        assertThat(errors).containsOnlyKeys("buttons[0].name");
        assertThat(errors.get("buttons[0].name")).contains("16 bytes").contains("18");
    }

    @Test
    void keysAndUrlsHaveTheirByteLimits() {
        Map<String, String> errors = MenuRules.violations(new Menu(List.of(
                MenuButton.click("a", "k".repeat(129)),
                MenuButton.view("b", "https://x.example/" + "p".repeat(1010)))));

        assertThat(errors).containsOnlyKeys("buttons[0].key", "buttons[1].url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"click", "scancode_push", "pic_weixin", "location_select"})
    void eventButtonsNeedAKey(String type) {
        assertThat(MenuRules.violations(new Menu(List.of(button(type, "a"))))).containsOnlyKeys("buttons[0].key");
    }

    @Test
    void eachTypeNeedsItsOwnFields() {
        Map<String, String> errors = MenuRules.violations(new Menu(List.of(MenuButton.parent(
                "p",
                List.of(
                        button("view", "v"),
                        button("miniprogram", "m"),
                        button("media_id", "i"),
                        button("article_id", "r"),
                        button("sparkle", "s"))))));

        assertThat(errors)
                .containsOnlyKeys(
                        "buttons[0].subButtons[0].url",
                        "buttons[0].subButtons[1].url",
                        "buttons[0].subButtons[1].miniProgramAppId",
                        "buttons[0].subButtons[1].pagePath",
                        "buttons[0].subButtons[2].mediaId",
                        "buttons[0].subButtons[3].articleId",
                        "buttons[0].subButtons[4].type");
    }

    @Test
    void aViewButtonNeedsAnHttpUrl() {
        assertThat(MenuRules.violations(new Menu(List.of(MenuButton.view("v", "javascript:alert(1)")))))
                .containsOnlyKeys("buttons[0].url");
    }

    @Test
    void matchRulesOnSexRegionOrLanguageAreRefusedAsWeChatWould() {
        Map<String, String> errors = MenuRules.violations(new MatchRule("2", null, "1", "中国", "广东", "广州", "zh_CN"));

        assertThat(errors)
                .containsOnlyKeys(
                        "matchRule.sex",
                        "matchRule.country",
                        "matchRule.province",
                        "matchRule.city",
                        "matchRule.language");
        assertThat(errors.get("matchRule.sex")).contains("65320");
    }

    @Test
    void aMatchRuleNeedsATagOrAClientPlatform() {
        assertThat(MenuRules.violations(new MatchRule(null, null, null, null, null, null, null)))
                .containsOnlyKeys("matchRule");
        assertThat(MenuRules.violations(new MatchRule(null, "4", null, null, null, null, null)))
                .containsOnlyKeys("matchRule.clientPlatformType");
        assertThat(MenuRules.violations(MatchRule.ofTag("100"))).isEmpty();
    }
}
