package io.wxplatform.wechat.protocol;

/** A click on a menu button; {@code eventKey} is the button's key. */
public record ClickEvent(Header header, String eventKey) implements WxEvent {

    static ClickEvent from(Header h) {
        return new ClickEvent(h, h.fields().get("EventKey"));
    }
}
