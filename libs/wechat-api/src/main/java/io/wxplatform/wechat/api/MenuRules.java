package io.wxplatform.wechat.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WeChat's rules for custom menus (wechat-protocol.md §3), checked before {@code menu/create} and
 * {@code menu/addconditional}: each violation is reported against its field's path ({@code buttons[0].subButtons[2]
 * .key}) so that a caller can show all of them at once.
 */
public final class MenuRules {

    public static final int MAX_BUTTONS = 3;
    public static final int MAX_SUB_BUTTONS = 5;
    /** Byte lengths (UTF-8): a Chinese character counts 3. */
    public static final int NAME_BYTES = 16;

    public static final int SUB_NAME_BYTES = 60;
    public static final int KEY_BYTES = 128;
    public static final int URL_BYTES = 1024;

    /** Buttons that send the platform an event with their key. */
    public static final Set<String> KEY_TYPES = Set.of(
            "click",
            "scancode_push",
            "scancode_waitmsg",
            "pic_sysphoto",
            "pic_photo_or_album",
            "pic_weixin",
            "location_select");

    public static final Set<String> MEDIA_TYPES = Set.of("media_id", "view_limited");
    public static final Set<String> ARTICLE_TYPES = Set.of("article_id", "article_view_limited");
    public static final Set<String> TYPES = Set.of(
            "click",
            "view",
            "miniprogram",
            "scancode_push",
            "scancode_waitmsg",
            "pic_sysphoto",
            "pic_photo_or_album",
            "pic_weixin",
            "location_select",
            "media_id",
            "view_limited",
            "article_id",
            "article_view_limited");

    /** 1 iOS, 2 Android, 3 others. */
    public static final Set<String> CLIENT_PLATFORMS = Set.of("1", "2", "3");

    /** WeChat's answer to a match rule naming sex, region or language. */
    public static final int RETIRED_MATCH_FIELD = 65320;

    private MenuRules() {}

    /** Every violation of the menu, by field path; empty when WeChat would take it. */
    public static Map<String, String> violations(Menu menu) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<MenuButton> buttons = menu == null ? List.of() : menu.buttons();
        if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            errors.put("buttons", "a menu has 1 to " + MAX_BUTTONS + " buttons, not " + buttons.size());
        }
        for (int i = 0; i < buttons.size(); i++) {
            topButton("buttons[" + i + "]", buttons.get(i), errors);
        }
        return errors;
    }

    /** Every violation of a conditional menu's rule, by field path ({@code matchRule.…}). */
    public static Map<String, String> violations(MatchRule rule) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (rule == null) {
            errors.put("matchRule", "a conditional menu needs a match rule");
            return errors;
        }
        retired("sex", rule.sex(), errors);
        retired("country", rule.country(), errors);
        retired("province", rule.province(), errors);
        retired("city", rule.city(), errors);
        retired("language", rule.language(), errors);
        boolean tag = !blank(rule.tagId());
        boolean platform = !blank(rule.clientPlatformType());
        if (tag && !rule.tagId().strip().matches("\\d{1,10}")) {
            errors.put("matchRule.tagId", "a tag id is a number");
        }
        if (platform && !CLIENT_PLATFORMS.contains(rule.clientPlatformType().strip())) {
            errors.put("matchRule.clientPlatformType", "1 (iOS), 2 (Android) or 3 (others)");
        }
        if (!tag && !platform && errors.isEmpty()) {
            errors.put("matchRule", "a match rule needs tagId or clientPlatformType");
        }
        return errors;
    }

    /** Throws {@link WeChatLimitException} naming the first violation, if any. */
    static void require(Menu menu, MatchRule rule) {
        Map<String, String> errors = new LinkedHashMap<>(violations(menu));
        if (rule != null) {
            errors.putAll(violations(rule));
        }
        errors.entrySet().stream().findFirst().ifPresent(first -> {
            throw new WeChatLimitException("menu", first.getKey() + ": " + first.getValue());
        });
    }

    private static void topButton(String path, MenuButton button, Map<String, String> errors) {
        if (button == null) {
            errors.put(path, "a button is required");
            return;
        }
        name(path, button.name(), NAME_BYTES, errors);
        List<MenuButton> subs = button.subButtons();
        if (subs.isEmpty()) {
            action(path, button, errors);
            return;
        }
        if (subs.size() > MAX_SUB_BUTTONS) {
            errors.put(
                    path + ".subButtons", "a button has 1 to " + MAX_SUB_BUTTONS + " sub-buttons, not " + subs.size());
        }
        if (!blank(button.type())) {
            errors.put(path + ".type", "a button with sub-buttons has no type of its own");
        }
        for (int j = 0; j < subs.size(); j++) {
            String subPath = path + ".subButtons[" + j + "]";
            MenuButton sub = subs.get(j);
            if (sub == null) {
                errors.put(subPath, "a button is required");
                continue;
            }
            name(subPath, sub.name(), SUB_NAME_BYTES, errors);
            if (!sub.subButtons().isEmpty()) {
                errors.put(subPath + ".subButtons", "sub-buttons have no sub-buttons of their own");
            }
            action(subPath, sub, errors);
        }
    }

    private static void action(String path, MenuButton button, Map<String, String> errors) {
        String type = button.type();
        if (blank(type)) {
            errors.put(path + ".type", "a button without sub-buttons needs a type");
            return;
        }
        if (!TYPES.contains(type)) {
            errors.put(
                    path + ".type",
                    "unknown type " + type + "; one of "
                            + String.join(", ", TYPES.stream().sorted().toList()));
            return;
        }
        if (KEY_TYPES.contains(type)) {
            bytes(path + ".key", button.key(), KEY_BYTES, errors);
        } else if ("view".equals(type)) {
            url(path + ".url", button.url(), errors);
        } else if ("miniprogram".equals(type)) {
            url(path + ".url", button.url(), errors);
            required(path + ".miniProgramAppId", button.miniProgramAppId(), errors);
            required(path + ".pagePath", button.pagePath(), errors);
        } else if (MEDIA_TYPES.contains(type)) {
            required(path + ".mediaId", button.mediaId(), errors);
        } else if (ARTICLE_TYPES.contains(type)) {
            required(path + ".articleId", button.articleId(), errors);
        }
    }

    private static void name(String path, String name, int maxBytes, Map<String, String> errors) {
        bytes(path + ".name", name, maxBytes, errors);
    }

    private static void url(String path, String url, Map<String, String> errors) {
        if (bytes(path, url, URL_BYTES, errors) && !url.startsWith("http://") && !url.startsWith("https://")) {
            errors.put(path, "an http:// or https:// URL is required");
        }
    }

    private static boolean bytes(String path, String value, int maxBytes, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(path, "required");
            return false;
        }
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            errors.put(path, "at most " + maxBytes + " bytes (UTF-8), not " + length);
            return false;
        }
        return true;
    }

    private static void required(String path, String value, Map<String, String> errors) {
        if (blank(value)) {
            errors.put(path, "required");
        }
    }

    private static void retired(String field, String value, Map<String, String> errors) {
        if (!blank(value)) {
            errors.put(
                    "matchRule." + field,
                    "WeChat no longer matches on " + field + " (it answers " + RETIRED_MATCH_FIELD
                            + "); use tagId or clientPlatformType");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
