package io.wxplatform.wechat.api;

import java.util.List;

/** A custom menu: 1 to 3 top-level buttons (checked by {@link MenuRules}). */
public record Menu(List<MenuButton> buttons) {

    public Menu {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
