package io.wxplatform.messaging.menu;

import io.wxplatform.wechat.api.MatchRule;
import io.wxplatform.wechat.api.Menu;
import io.wxplatform.wechat.api.MenuButton;
import java.util.List;

/** A conditional menu to add: its buttons (the rules of any menu) and who sees it. */
record ConditionalMenuRequest(List<MenuButton> buttons, MatchRule matchRule) {

    Menu menu() {
        return new Menu(buttons);
    }
}
