package io.wxplatform.wechat.protocol;

/** A click on a menu link; {@code eventKey} is the URL, {@code menuId} set for conditional menus. */
public record ViewEvent(Header header, String eventKey, String menuId) implements WxEvent {

    static ViewEvent from(Header h) {
        return new ViewEvent(h, h.fields().get("EventKey"), h.fields().get("MenuId"));
    }

    public String url() {
        return eventKey;
    }
}
