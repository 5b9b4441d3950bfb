package io.wxplatform.wechat.api;

import java.util.List;

/** What {@code menu/get} answers: the default menu ({@code null} when none, 46003) and the conditional menus. */
public record MenuConfig(Menu menu, List<ConditionalMenu> conditional) {

    public MenuConfig {
        conditional = conditional == null ? List.of() : List.copyOf(conditional);
    }
}
