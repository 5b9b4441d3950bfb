package io.wxplatform.sandbox.menu;

import io.wxplatform.sandbox.web.WeChatError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a {@code button} array as WeChat does, answering the first error found. */
final class MenuCheck {

    private static final Set<String> KEY_TYPES = Set.of(
            "click",
            "scancode_push",
            "scancode_waitmsg",
            "pic_sysphoto",
            "pic_photo_or_album",
            "pic_weixin",
            "location_select");
    private static final Set<String> TYPES = Set.of(
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
    private static final List<String> RETIRED = List.of("sex", "country", "province", "city", "language");

    private MenuCheck() {}

    static List<Map<String, Object>> buttons(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 3) {
            throw MenuErrors.BUTTON_SIZE.toException();
        }
        List<Map<String, Object>> buttons = list.stream().map(MenuCheck::object).toList();
        for (Map<String, Object> button : buttons) {
            Object subs = button.get("sub_button");
            if (subs instanceof List<?> subList && !subList.isEmpty()) {
                bytes(button.get("name"), 16, MenuErrors.BUTTON_NAME_SIZE);
                if (subList.size() > 5) {
                    throw MenuErrors.SUB_BUTTON_SIZE.toException();
                }
                for (Object sub : subList) {
                    Map<String, Object> subButton = object(sub);
                    bytes(subButton.get("name"), 60, MenuErrors.SUB_BUTTON_NAME_SIZE);
                    action(subButton, true);
                }
            } else {
                bytes(button.get("name"), 16, MenuErrors.BUTTON_NAME_SIZE);
                action(button, false);
            }
        }
        return buttons;
    }

    static Map<String, Object> matchRule(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw MenuErrors.EMPTY_MATCH_RULE.toException();
        }
        Map<String, Object> rule = object(value);
        for (String field : RETIRED) {
            if (present(rule.get(field))) {
                throw MenuErrors.RETIRED_MATCH_FIELD.toException();
            }
        }
        boolean tag = present(rule.get("tag_id"));
        boolean platform = present(rule.get("client_platform_type"));
        if (!tag && !platform) {
            throw MenuErrors.EMPTY_MATCH_RULE.toException();
        }
        if (tag && !String.valueOf(rule.get("tag_id")).matches("\\d+")) {
            throw MenuErrors.INVALID_TAG.toException();
        }
        if (platform && !Set.of("1", "2", "3").contains(String.valueOf(rule.get("client_platform_type")))) {
            throw MenuErrors.INVALID_PLATFORM.toException();
        }
        return rule;
    }

    private static void action(Map<String, Object> button, boolean sub) {
        String type = button.get("type") == null ? null : String.valueOf(button.get("type"));
        if (type == null || !TYPES.contains(type)) {
            throw (sub ? MenuErrors.SUB_BUTTON_TYPE : MenuErrors.BUTTON_TYPE).toException();
        }
        if (KEY_TYPES.contains(type)) {
            bytes(button.get("key"), 128, sub ? MenuErrors.SUB_BUTTON_KEY_SIZE : MenuErrors.BUTTON_KEY_SIZE);
        } else if ("view".equals(type) || "miniprogram".equals(type)) {
            bytes(button.get("url"), 1024, sub ? MenuErrors.SUB_BUTTON_URL_SIZE : MenuErrors.BUTTON_URL_SIZE);
            if ("miniprogram".equals(type) && (!present(button.get("appid")) || !present(button.get("pagepath")))) {
                throw MenuErrors.MINIPROGRAM.toException();
            }
        } else if (Set.of("media_id", "view_limited").contains(type)) {
            if (!present(button.get("media_id"))) {
                throw MenuErrors.MEDIA_ID.toException();
            }
        } else if (!present(button.get("article_id"))) {
            throw WeChatError.INVALID_ARGS.toException();
        }
    }

    private static void bytes(Object value, int max, WeChatError error) {
        if (!present(value) || String.valueOf(value).getBytes(StandardCharsets.UTF_8).length > max) {
            throw error.toException();
        }
    }

    private static boolean present(Object value) {
        return value != null && !String.valueOf(value).isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw WeChatError.DATA_FORMAT.toException();
    }
}
