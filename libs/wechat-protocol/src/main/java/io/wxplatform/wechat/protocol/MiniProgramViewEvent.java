package io.wxplatform.wechat.protocol;

/** A menu button that opened a mini program ({@code view_miniprogram}); {@code eventKey} is the page path. */
public record MiniProgramViewEvent(Header header, String eventKey, String menuId) implements WxEvent {

    static MiniProgramViewEvent from(Header h) {
        return new MiniProgramViewEvent(
                h, h.fields().get("EventKey"), h.fields().get("MenuId"));
    }

    public String pagePath() {
        return eventKey;
    }
}
