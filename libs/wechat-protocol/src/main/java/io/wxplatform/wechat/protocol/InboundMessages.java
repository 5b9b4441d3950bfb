package io.wxplatform.wechat.protocol;

import io.wxplatform.wechat.protocol.xml.SafeXml;
import io.wxplatform.wechat.protocol.xml.XmlException;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Parses callback XML (or its field map) into the typed {@link InboundMessage}; unknown types never fail. */
public final class InboundMessages {

    private static final List<String> HEADER_FIELDS = List.of("ToUserName", "FromUserName", "CreateTime", "MsgType");

    /** msgType, or {@code event:<Event lower-case>}, to its record. Adding a type is one line. */
    private static final Map<String, Function<Header, InboundMessage>> TYPES = Map.ofEntries(
            Map.entry("text", TextMessage::from),
            Map.entry("image", ImageMessage::from),
            Map.entry("voice", VoiceMessage::from),
            Map.entry("video", VideoMessage::from),
            Map.entry("shortvideo", VideoMessage::from),
            Map.entry("location", LocationMessage::from),
            Map.entry("link", LinkMessage::from),
            Map.entry("event:subscribe", SubscribeEvent::from),
            Map.entry("event:unsubscribe", UnsubscribeEvent::from),
            Map.entry("event:scan", ScanEvent::from),
            Map.entry("event:location", LocationEvent::from),
            Map.entry("event:click", ClickEvent::from),
            Map.entry("event:view", ViewEvent::from),
            Map.entry("event:view_miniprogram", MiniProgramViewEvent::from),
            Map.entry("event:scancode_push", ScanCodeMenuEvent::from),
            Map.entry("event:scancode_waitmsg", ScanCodeMenuEvent::from),
            Map.entry("event:pic_sysphoto", PicturesMenuEvent::from),
            Map.entry("event:pic_photo_or_album", PicturesMenuEvent::from),
            Map.entry("event:pic_weixin", PicturesMenuEvent::from),
            Map.entry("event:location_select", LocationSelectMenuEvent::from),
            Map.entry("event:templatesendjobfinish", TemplateSendJobFinishEvent::from),
            Map.entry("event:masssendjobfinish", MassSendJobFinishEvent::from),
            Map.entry("event:publishjobfinish", PublishJobFinishEvent::from),
            Map.entry("event:subscribe_msg_popup_event", SubscribeMsgPopupEvent::from),
            Map.entry("event:subscribe_msg_change_event", SubscribeMsgChangeEvent::from),
            Map.entry("event:subscribe_msg_sent_event", SubscribeMsgSentEvent::from),
            Map.entry("event:kf_create_session", KfSessionEvent::from),
            Map.entry("event:kf_close_session", KfSessionEvent::from),
            Map.entry("event:kf_switch_session", KfSessionEvent::from));

    /** Every record an inbound message can be, by simple name: the kinds of {@link #kindOf}. */
    private static final Map<String, Class<? extends InboundMessage>> KINDS =
            Map.copyOf(records(InboundMessage.class, new HashMap<>()));

    private InboundMessages() {}

    /**
     * The name of the message's record, e.g. {@code TextMessage} or {@code UnknownEvent}: what a serialised message
     * carries to say which record it is. A message whose typed fields were unreadable is an {@code Unknown…} one.
     */
    public static String kindOf(InboundMessage message) {
        return message.getClass().getSimpleName();
    }

    /** The record of a {@link #kindOf kind}, or null for one this version does not know (a newer producer's). */
    public static Class<? extends InboundMessage> recordOf(String kind) {
        return kind == null ? null : KINDS.get(kind);
    }

    public static InboundMessage parse(String xml) {
        return fromFields(SafeXml.parseFields(xml));
    }

    /** Rebuilds the typed message from its fields, e.g. the {@code fields} of a Kafka event. */
    public static InboundMessage fromFields(Map<String, String> fields) {
        Header header = header(fields);
        boolean event = "event".equals(header.msgType());
        String type = event ? "event:" + lower(fields.get("Event")) : header.msgType();
        Function<Header, InboundMessage> factory = TYPES.get(type);
        if (factory != null) {
            try {
                return factory.apply(header);
            } catch (IllegalArgumentException unreadableTypedField) {
                // fall through: the fields are still passed on intact
            }
        }
        return event ? new UnknownEvent(header) : new UnknownMessage(header);
    }

    private static Header header(Map<String, String> fields) {
        if (fields == null) {
            throw new XmlException(Reason.MALFORMED, "no fields");
        }
        for (String name : HEADER_FIELDS) {
            String value = fields.get(name);
            if (value == null || value.isBlank()) {
                throw new XmlException(Reason.MALFORMED, "missing " + name);
            }
        }
        long createTime;
        try {
            createTime = Long.parseLong(fields.get("CreateTime").trim());
        } catch (NumberFormatException e) {
            throw new XmlException(Reason.MALFORMED, "CreateTime is not a number", e);
        }
        return new Header(
                fields.get("ToUserName"), fields.get("FromUserName"), createTime, fields.get("MsgType"), fields);
    }

    /** The records of the sealed hierarchy under {@code type}, so a new one needs no second table. */
    private static Map<String, Class<? extends InboundMessage>> records(
            Class<?> type, Map<String, Class<? extends InboundMessage>> into) {
        if (type.isRecord()) {
            into.put(type.getSimpleName(), type.asSubclass(InboundMessage.class));
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> subtype : permitted) {
                records(subtype, into);
            }
        }
        return into;
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
