package io.wxplatform.events;

import io.wxplatform.wechat.protocol.EventIds;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.WxEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A follower's message or event as received by callback-service ({@link Topics#INBOUND}): the typed message, parsed
 * once by callback-service and carried as such, so consumers never rebuild it from strings. Its JSON is
 * {@link InboundEventJson}'s.
 *
 * @param eventId deterministic ({@link EventIds}): WeChat's retries of one callback share it
 * @param message the typed message; {@code message.fields()} holds every field of the callback, unknown ones
 *                included, in document order
 */
@JsonSerialize(using = InboundEventJson.Writer.class)
@JsonDeserialize(using = InboundEventJson.Reader.class)
public record InboundEvent(String eventId, String tenantId, String appId, Instant receivedAt, InboundMessage message) {

    private static final String TYPE_PREFIX = "io.wxplatform.wx.inbound.";

    public InboundEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(message, "message");
    }

    public static InboundEvent of(String tenantId, String appId, InboundMessage message, Instant receivedAt) {
        return new InboundEvent(EventIds.of(appId, message), tenantId, appId, receivedAt, message);
    }

    /** The follower: WeChat's {@code FromUserName}. */
    public String openId() {
        return message.fromUserName();
    }

    /** The account's original id ({@code gh_…}): WeChat's {@code ToUserName}. */
    public String toUserName() {
        return message.toUserName();
    }

    public String msgType() {
        return message.msgType();
    }

    /** The {@code Event} field for {@code msgType=event}, else null. */
    public String event() {
        return message instanceof WxEvent wxEvent ? wxEvent.event() : null;
    }

    /** The {@code EventKey} field of an event, else null. */
    public String eventKey() {
        return message instanceof WxEvent wxEvent ? wxEvent.eventKey() : null;
    }

    /** WeChat's {@code CreateTime}, seconds since the epoch. */
    public long createTime() {
        return message.createTime();
    }

    /** Every field of the callback as a string, unknown ones included, in document order. */
    public Map<String, String> fields() {
        return message.fields();
    }

    /** {@code appId|openId}: one follower's events land on one partition, in order. */
    public String kafkaKey() {
        return appId + "|" + openId();
    }

    public CloudEvent cloudEvent() {
        String event = event();
        String type = event == null ? TYPE_PREFIX + msgType() : TYPE_PREFIX + "event." + event.toLowerCase(Locale.ROOT);
        return new CloudEvent(eventId, "/wx/" + appId, type, receivedAt, tenantId, appId);
    }
}
