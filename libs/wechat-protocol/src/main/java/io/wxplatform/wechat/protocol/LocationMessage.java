package io.wxplatform.wechat.protocol;

/** A location the follower sent: {@code x} is latitude ({@code Location_X}), {@code y} longitude. */
public record LocationMessage(Header header, double x, double y, int scale, String label, String msgId)
        implements InboundMessage {

    static LocationMessage from(Header h) {
        var f = h.fields();
        return new LocationMessage(
                h,
                Fields.doubleValue(f, "Location_X"),
                Fields.doubleValue(f, "Location_Y"),
                Fields.intValue(f, "Scale"),
                f.get("Label"),
                f.get("MsgId"));
    }
}
