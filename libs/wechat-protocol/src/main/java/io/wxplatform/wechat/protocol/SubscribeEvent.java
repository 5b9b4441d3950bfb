package io.wxplatform.wechat.protocol;

import java.util.Optional;

/** A follow. From a parametric QR code, {@code eventKey} is {@code qrscene_<scene>} and {@code ticket} is set. */
public record SubscribeEvent(Header header, String eventKey, String ticket) implements WxEvent {

    private static final String QR_PREFIX = "qrscene_";

    static SubscribeEvent from(Header h) {
        return new SubscribeEvent(h, h.fields().get("EventKey"), h.fields().get("Ticket"));
    }

    /** The QR scene value, when the follow came from a parametric QR code. */
    public Optional<String> scene() {
        return eventKey != null && eventKey.startsWith(QR_PREFIX)
                ? Optional.of(eventKey.substring(QR_PREFIX.length()))
                : Optional.empty();
    }
}
