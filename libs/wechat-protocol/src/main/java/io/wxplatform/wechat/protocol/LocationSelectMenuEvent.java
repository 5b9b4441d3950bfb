package io.wxplatform.wechat.protocol;

/**
 * A menu button that picked a place ({@code location_select}). WeChat writes these numbers as text, unlike the
 * location message; {@code scale}, {@code label} and {@code poiName} may be missing (0 and null).
 */
public record LocationSelectMenuEvent(
        Header header, String eventKey, double latitude, double longitude, double scale, String label, String poiName)
        implements WxEvent {

    static LocationSelectMenuEvent from(Header h) {
        var f = h.fields();
        String scale = f.get("SendLocationInfo.Scale");
        return new LocationSelectMenuEvent(
                h,
                f.get("EventKey"),
                Fields.doubleValue(f, "SendLocationInfo.Location_X"),
                Fields.doubleValue(f, "SendLocationInfo.Location_Y"),
                scale == null || scale.isBlank() ? 0 : Double.parseDouble(scale.trim()),
                f.get("SendLocationInfo.Label"),
                f.get("SendLocationInfo.Poiname"));
    }
}
