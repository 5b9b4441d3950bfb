package io.wxplatform.wechat.protocol;

import java.util.Locale;
import java.util.Set;

/**
 * What an inbound callback does to the follower's customer-service window (wechat-protocol.md §3): any message opens
 * the full window; a menu click (click, scancode_push, scancode_waitmsg), a subscribe or a QR scan opens the short
 * one; an unsubscribe closes both; every other event leaves it as it was.
 */
public enum CustomerServiceWindow {
    OPENS_MESSAGE_WINDOW,
    OPENS_EVENT_WINDOW,
    CLOSES,
    UNCHANGED;

    private static final Set<String> SHORT_WINDOW_EVENTS =
            Set.of("subscribe", "scan", "click", "scancode_push", "scancode_waitmsg");

    public static CustomerServiceWindow after(InboundMessage message) {
        if (!(message instanceof WxEvent event)) {
            return OPENS_MESSAGE_WINDOW;
        }
        String name = event.event() == null ? "" : event.event().toLowerCase(Locale.ROOT);
        if ("unsubscribe".equals(name)) {
            return CLOSES;
        }
        return SHORT_WINDOW_EVENTS.contains(name) ? OPENS_EVENT_WINDOW : UNCHANGED;
    }
}
