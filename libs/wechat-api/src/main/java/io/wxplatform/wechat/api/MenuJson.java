package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** WeChat's JSON spelling of menus ({@code button}, {@code sub_button}, {@code media_id}, …), both ways. */
final class MenuJson {

    /** Types get_current_selfmenu_info shows for a media_id button set in WeChat's console (its {@code value}). */
    private static final Set<String> CONSOLE_MEDIA_TYPES = Set.of("text", "img", "photo", "voice", "video", "news");

    private MenuJson() {}

    static List<Map<String, Object>> buttons(Menu menu) {
        return menu.buttons().stream().map(MenuJson::button).toList();
    }

    static Map<String, Object> matchRule(MatchRule rule) {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "tag_id", rule.tagId());
        put(map, "client_platform_type", rule.clientPlatformType());
        return map;
    }

    private static Map<String, Object> button(MenuButton button) {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "type", button.type());
        put(map, "name", button.name());
        put(map, "key", button.key());
        put(map, "url", button.url());
        put(map, "media_id", button.mediaId());
        put(map, "appid", button.miniProgramAppId());
        put(map, "pagepath", button.pagePath());
        put(map, "article_id", button.articleId());
        if (!button.subButtons().isEmpty()) {
            map.remove("type");
            map.put(
                    "sub_button",
                    button.subButtons().stream().map(MenuJson::button).toList());
        }
        return map;
    }

    /** A {@code {button: [...]}} node as menu/get, trymatch and addconditional write it. */
    static Menu menu(JsonNode node) {
        List<MenuButton> buttons = new ArrayList<>();
        node.path("button").forEach(button -> buttons.add(button(button, button.path("sub_button"))));
        return new Menu(buttons);
    }

    static MatchRule matchRule(JsonNode node) {
        return new MatchRule(
                text(node, "tag_id"),
                text(node, "client_platform_type"),
                text(node, "sex"),
                text(node, "country"),
                text(node, "province"),
                text(node, "city"),
                text(node, "language"));
    }

    /** get_current_selfmenu_info: sub-buttons under {@code sub_button.list}, console media buttons by value. */
    static Menu selfMenu(JsonNode info) {
        List<MenuButton> buttons = new ArrayList<>();
        info.path("button")
                .forEach(button ->
                        buttons.add(button(button, button.path("sub_button").path("list"))));
        return new Menu(buttons);
    }

    private static MenuButton button(JsonNode node, JsonNode subs) {
        List<MenuButton> subButtons = new ArrayList<>();
        subs.forEach(sub -> subButtons.add(button(sub, sub.path("sub_button").path("list"))));
        String type = text(node, "type");
        String mediaId = text(node, "media_id");
        if (type != null && CONSOLE_MEDIA_TYPES.contains(type)) {
            type = "media_id";
            mediaId = mediaId != null ? mediaId : text(node, "value");
        }
        return new MenuButton(
                subButtons.isEmpty() ? type : null,
                text(node, "name"),
                text(node, "key"),
                text(node, "url"),
                mediaId,
                text(node, "appid"),
                text(node, "pagepath"),
                text(node, "article_id"),
                subButtons);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asString("");
        return text.isEmpty() ? null : text;
    }
}
