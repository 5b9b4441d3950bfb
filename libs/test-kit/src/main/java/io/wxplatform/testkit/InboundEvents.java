package io.wxplatform.testkit;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Inbound events as callback-service would publish them, built from the callback fields WeChat sends. */
public final class InboundEvents {

    private static final AtomicLong MSG_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final String tenantId;
    private final String appId;

    public InboundEvents(String tenantId, String appId) {
        this.tenantId = tenantId;
        this.appId = appId;
    }

    public InboundEvent subscribe(String openId, long createTime, String eventKey) {
        Map<String, String> fields = header(openId, createTime, "event");
        fields.put("Event", "subscribe");
        if (eventKey != null) {
            fields.put("EventKey", eventKey);
        }
        return event(fields);
    }

    /** An existing follower scanned a parametric code: the EventKey is the bare scene. */
    public InboundEvent scan(String openId, long createTime, String scene) {
        Map<String, String> fields = header(openId, createTime, "event");
        fields.put("Event", "SCAN");
        fields.put("EventKey", scene);
        fields.put("Ticket", "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRt");
        return event(fields);
    }

    public InboundEvent unsubscribe(String openId, long createTime) {
        Map<String, String> fields = header(openId, createTime, "event");
        fields.put("Event", "unsubscribe");
        return event(fields);
    }

    /** The follower's position, as WeChat reports it to service accounts the follower allowed to see it. */
    public InboundEvent location(String openId, long createTime, double latitude, double longitude, double precision) {
        Map<String, String> fields = header(openId, createTime, "event");
        fields.put("Event", "LOCATION");
        fields.put("Latitude", String.valueOf(latitude));
        fields.put("Longitude", String.valueOf(longitude));
        fields.put("Precision", String.valueOf(precision));
        return event(fields);
    }

    public InboundEvent text(String openId, long createTime, String content) {
        Map<String, String> fields = header(openId, createTime, "text");
        fields.put("Content", content);
        fields.put("MsgId", String.valueOf(MSG_IDS.incrementAndGet()));
        return event(fields);
    }

    /** A voice message; {@code recognition} is WeChat's speech-to-text of it (null: the account has it off). */
    public InboundEvent voice(String openId, long createTime, String recognition) {
        Map<String, String> fields = header(openId, createTime, "voice");
        fields.put("MediaId", "voice-media");
        fields.put("Format", "amr");
        if (recognition != null) {
            fields.put("Recognition", recognition);
        }
        fields.put("MsgId", String.valueOf(MSG_IDS.incrementAndGet()));
        return event(fields);
    }

    private InboundEvent event(Map<String, String> fields) {
        return InboundEvent.of(tenantId, appId, InboundMessages.fromFields(fields), Instant.now());
    }

    private static Map<String, String> header(String openId, long createTime, String msgType) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToUserName", "gh_0123456789ab");
        fields.put("FromUserName", openId);
        fields.put("CreateTime", String.valueOf(createTime));
        fields.put("MsgType", msgType);
        return fields;
    }
}
