package io.wxplatform.wechat.protocol;

/** The follower's position, reported on entering the chat or every 5 seconds, as the account configured. */
public record LocationEvent(Header header, double latitude, double longitude, double precision) implements WxEvent {

    static LocationEvent from(Header h) {
        var f = h.fields();
        return new LocationEvent(
                h,
                Fields.doubleValue(f, "Latitude"),
                Fields.doubleValue(f, "Longitude"),
                Fields.doubleValue(f, "Precision"));
    }
}
