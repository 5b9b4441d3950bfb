package io.wxplatform.wechat.api;

import java.util.List;

/**
 * One button of a custom menu. A top-level button either has {@code subButtons} (1 to 5, and no type) or is itself
 * an action; which other fields an action needs depends on its {@code type} (see {@link MenuRules}):
 * {@code key} for click, scancode_*, pic_* and location_select; {@code url} for view (and miniprogram, as the
 * fallback for old clients); {@code miniProgramAppId} and {@code pagePath} for miniprogram; {@code mediaId} for
 * media_id and view_limited; {@code articleId} for article_id and article_view_limited.
 */
public record MenuButton(
        String type,
        String name,
        String key,
        String url,
        String mediaId,
        String miniProgramAppId,
        String pagePath,
        String articleId,
        List<MenuButton> subButtons) {

    public MenuButton {
        subButtons = subButtons == null ? List.of() : List.copyOf(subButtons);
    }

    public static MenuButton click(String name, String key) {
        return new MenuButton("click", name, key, null, null, null, null, null, List.of());
    }

    public static MenuButton view(String name, String url) {
        return new MenuButton("view", name, null, url, null, null, null, null, List.of());
    }

    public static MenuButton parent(String name, List<MenuButton> subButtons) {
        return new MenuButton(null, name, null, null, null, null, null, null, subButtons);
    }
}
