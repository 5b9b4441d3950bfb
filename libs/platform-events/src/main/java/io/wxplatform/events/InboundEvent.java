package io.wxplatform.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.wxplatform.wechat.protocol.EventIds;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.WxEvent;

/**
 * A follower's message or event as received by callback-service ({@link Topics#INBOUND}).
 *
 * @param eventId    deterministic ({@link EventIds}): WeChat's retries of one callback share it
 * @param event      the {@code Event} field for {@code msgType=event}, else null
 * @param eventKey   the {@code EventKey} field, or null
 * @param createTime WeChat's {@code CreateTime}, seconds since the epoch
 * @param fields     every XML field of the callback, unknown ones included, in document order
 */
public record InboundEvent(String eventId, String tenantId, String appId, String openId, String toUserName,
                           String msgType, String event, String eventKey, long createTime, Instant receivedAt,
                           Map<String, String> fields) {

    private static final String TYPE_PREFIX = "io.wxplatform.wx.inbound.";

    public InboundEvent {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static InboundEvent of(String tenantId, String appId, InboundMessage m, Instant receivedAt) {
        WxEvent wxEvent = m instanceof WxEvent e ? e : null;
        return new InboundEvent(EventIds.of(appId, m), tenantId, appId, m.fromUserName(), m.toUserName(),
                m.msgType(), wxEvent == null ? null : wxEvent.event(), wxEvent == null ? null : wxEvent.eventKey(),
                m.createTime(), receivedAt, m.fields());
    }

    /** The typed message, rebuilt from {@link #fields}. */
    public InboundMessage message() {
        return InboundMessages.fromFields(fields);
    }

    /** {@code appId|openId}: one follower's events land on one partition, in order. */
    public String kafkaKey() {
        return appId + "|" + openId;
    }

    public CloudEvent cloudEvent() {
        String type = event == null
                ? TYPE_PREFIX + msgType
                : TYPE_PREFIX + "event." + event.toLowerCase(Locale.ROOT);
        return new CloudEvent(eventId, "/wx/" + appId, type, receivedAt, tenantId, appId);
    }
}
