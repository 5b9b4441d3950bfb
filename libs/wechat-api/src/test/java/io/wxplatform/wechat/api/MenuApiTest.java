package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.menus()} against a real HTTP server standing in for WeChat. */
class MenuApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final MenuApi menus =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).menus();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aMenuIsSentAsPlainUtf8WithoutUnicodeOrHtmlEscapes() {
        Menu menu = new Menu(List.of(
                MenuButton.click("今日歌曲", "V1001_TODAY_MUSIC"),
                MenuButton.parent("菜单", List.of(MenuButton.view("搜索", "https://example.com/?a=1&b=2")))));

        menus.create(APP_ID, TOKEN, menu).block();

        String body = wechat.lastRequest().body();
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/menu/create?access_token=" + TOKEN);
        assertThat(body).contains("今日歌曲", "?a=1&b=2").doesNotContain("\\u", "u0026");
        JsonNode parent = json.readTree(body).path("button").path(1);
        assertThat(parent.has("type")).isFalse();
        assertThat(parent.path("sub_button").path(0).path("url").asString()).isEqualTo("https://example.com/?a=1&b=2");
    }

    @Test
    void aMenuBreakingWeChatsRulesIsNeverSent() {
        assertThatThrownBy(
                        () -> menus.create(APP_ID, TOKEN, new Menu(List.of())).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void aConditionalMenuSendsItsRuleAndAnswersItsMenuId() {
        wechat.answer("{\"menuid\":\"208379533\"}");

        String menuId = menus.addConditional(
                        APP_ID, TOKEN, new Menu(List.of(MenuButton.click("a", "k"))), MatchRule.ofTag("2"))
                .block();

        assertThat(menuId).isEqualTo("208379533");
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("matchrule").path("tag_id").asString()).isEqualTo("2");
        assertThat(body.path("matchrule").has("sex")).isFalse();
    }

    @Test
    void getReadsTheDefaultAndConditionalMenus() {
        wechat.answer("{\"menu\":{\"button\":[{\"type\":\"click\",\"name\":\"a\",\"key\":\"k\",\"sub_button\":[]}],"
                + "\"menuid\":1},\"conditionalmenu\":[{\"button\":[{\"type\":\"view\",\"name\":\"v\",\"url\":"
                + "\"http://x\",\"sub_button\":[]}],\"matchrule\":{\"tag_id\":\"2\"},\"menuid\":208379533}]}");

        MenuConfig config = menus.get(APP_ID, TOKEN).block();

        assertThat(config.menu()).isEqualTo(new Menu(List.of(MenuButton.click("a", "k"))));
        assertThat(config.conditional()).hasSize(1);
        assertThat(config.conditional().get(0).menuId()).isEqualTo("208379533");
        assertThat(config.conditional().get(0).matchRule().tagId()).isEqualTo("2");
    }

    @Test
    void noMenuReadsAsNone() {
        wechat.answer("{\"errcode\":46003,\"errmsg\":\"menu no exist\"}");

        assertThat(menus.get(APP_ID, TOKEN).block().menu()).isNull();
    }

    @Test
    void theCurrentMenuReadsSubButtonListsAndConsoleMediaButtons() {
        wechat.answer("{\"is_menu_open\":1,\"selfmenu_info\":{\"button\":[{\"type\":\"click\",\"name\":\"a\",\"key\":"
                + "\"k\"},{\"name\":\"p\",\"sub_button\":{\"list\":[{\"type\":\"view\",\"name\":\"v\",\"url\":"
                + "\"http://x\"},{\"type\":\"img\",\"name\":\"i\",\"value\":\"MEDIA\"}]}}]}}");

        CurrentMenu current = menus.current(APP_ID, TOKEN).block();

        assertThat(current.open()).isTrue();
        assertThat(current.menu())
                .isEqualTo(new Menu(List.of(
                        MenuButton.click("a", "k"),
                        MenuButton.parent(
                                "p",
                                List.of(
                                        MenuButton.view("v", "http://x"),
                                        new MenuButton(
                                                "media_id", "i", null, null, "MEDIA", null, null, null, List.of()))))));
    }

    @Test
    void driftNamesEachDifferingField() {
        Menu stored = new Menu(List.of(MenuButton.click("a", "k"), MenuButton.view("v", "http://x")));
        Menu current = new Menu(List.of(MenuButton.click("a", "other")));

        assertThat(MenuDrift.between(stored, current))
                .containsExactly(
                        new MenuDifference("buttons[0]", "key", "k", "other"),
                        new MenuDifference("buttons[1]", "button", "v", null));
        assertThat(MenuDrift.between(stored, stored)).isEmpty();
    }
}
