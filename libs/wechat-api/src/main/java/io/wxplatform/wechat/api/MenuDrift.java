package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the menu WeChat shows ({@link CurrentMenu}) differs from the one the platform holds. Buttons are compared by
 * position. Type, name, key and URL are always compared; media, article and mini-program ids only where WeChat's
 * answer names them (get_current_selfmenu_info leaves some out for buttons set through the API).
 */
public final class MenuDrift {

    private MenuDrift() {}

    public static List<MenuDifference> between(Menu expected, Menu actual) {
        List<MenuDifference> differences = new ArrayList<>();
        compare("buttons", buttons(expected), buttons(actual), differences);
        return differences;
    }

    private static List<MenuButton> buttons(Menu menu) {
        return menu == null ? List.of() : menu.buttons();
    }

    private static void compare(
            String path, List<MenuButton> expected, List<MenuButton> actual, List<MenuDifference> differences) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String at = path + "[" + i + "]";
            MenuButton want = i < expected.size() ? expected.get(i) : null;
            MenuButton have = i < actual.size() ? actual.get(i) : null;
            if (want == null || have == null) {
                differences.add(new MenuDifference(at, "button", label(want), label(have)));
                continue;
            }
            always(at, "type", want, have, MenuButton::type, differences);
            always(at, "name", want, have, MenuButton::name, differences);
            always(at, "key", want, have, MenuButton::key, differences);
            always(at, "url", want, have, MenuButton::url, differences);
            whenShown(at, "mediaId", want, have, MenuButton::mediaId, differences);
            whenShown(at, "articleId", want, have, MenuButton::articleId, differences);
            whenShown(at, "miniProgramAppId", want, have, MenuButton::miniProgramAppId, differences);
            whenShown(at, "pagePath", want, have, MenuButton::pagePath, differences);
            compare(at + ".subButtons", want.subButtons(), have.subButtons(), differences);
        }
    }

    private static void always(
            String path,
            String field,
            MenuButton want,
            MenuButton have,
            Function<MenuButton, String> value,
            List<MenuDifference> differences) {
        if (!Objects.equals(value.apply(want), value.apply(have))) {
            differences.add(new MenuDifference(path, field, value.apply(want), value.apply(have)));
        }
    }

    private static void whenShown(
            String path,
            String field,
            MenuButton want,
            MenuButton have,
            Function<MenuButton, String> value,
            List<MenuDifference> differences) {
        if (value.apply(have) != null) {
            always(path, field, want, have, value, differences);
        }
    }

    private static String label(MenuButton button) {
        return button == null ? null : button.name();
    }
}
