package io.wxplatform.sandbox.follower;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An event the follower triggers ({@code subscribe}, {@code CLICK}, {@code scancode_push}, …) with that event's
 * fields (see {@link EventTypes}); {@code fields} adds raw WeChat fields at the end. {@code deliveries} and
 * {@code targets}: see {@link io.wxplatform.sandbox.callback.DeliveryPlan}.
 */
public record EventRequest(
        String event,
        String eventKey,
        String ticket,
        BigDecimal latitude,
        BigDecimal longitude,
        BigDecimal precision,
        Long menuId,
        ScanCodeInfo scanCodeInfo,
        SendPicsInfo sendPicsInfo,
        SendLocationInfo sendLocationInfo,
        Long msgId,
        String status,
        Integer totalCount,
        Integer filterCount,
        Integer sentCount,
        Integer errorCount,
        Map<String, String> fields,
        Integer deliveries,
        List<String> targets) {

    /** An event with only its key and ticket (subscribe and SCAN through a QR code). */
    public static EventRequest of(String event, String eventKey, String ticket) {
        return new EventRequest(
                event, eventKey, ticket, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** What a scancode_push / scancode_waitmsg menu button scanned; {@code scanType} defaults to qrcode. */
    public record ScanCodeInfo(String scanType, String scanResult) {}

    /** The pictures a pic_* menu button sent; {@code count} defaults to the list's size. */
    public record SendPicsInfo(Integer count, List<Pic> picList) {

        public record Pic(String picMd5Sum) {}
    }

    /** The place a location_select menu button picked. */
    public record SendLocationInfo(
            BigDecimal locationX, BigDecimal locationY, BigDecimal scale, String label, String poiname) {}
}
