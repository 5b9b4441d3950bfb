package io.wxplatform.wechat.protocol;

/** An existing follower scanned a parametric QR code; {@code eventKey} is the scene value itself. */
public record ScanEvent(Header header, String eventKey, String ticket) implements WxEvent {

    static ScanEvent from(Header h) {
        return new ScanEvent(h, h.fields().get("EventKey"), h.fields().get("Ticket"));
    }

    public String scene() {
        return eventKey;
    }
}
