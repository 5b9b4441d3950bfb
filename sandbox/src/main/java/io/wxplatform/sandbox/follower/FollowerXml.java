package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.callback.CallbackXml;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The callback XML of a follower's message or event, field for field as WeChat sends it. */
final class FollowerXml {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** WeChat's spelling of each event, looked up case-insensitively; others pass through as given. */
    private static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("subscribe", "subscribe"),
            Map.entry("unsubscribe", "unsubscribe"),
            Map.entry("scan", "SCAN"),
            Map.entry("location", "LOCATION"),
            Map.entry("click", "CLICK"),
            Map.entry("view", "VIEW"),
            Map.entry("templatesendjobfinish", "TEMPLATESENDJOBFINISH"),
            Map.entry("masssendjobfinish", "MASSSENDJOBFINISH"));

    private FollowerXml() {
    }

    static String event(String name) {
        if (name == null || name.isBlank()) {
            throw SandboxProblem.badRequest("event is required");
        }
        return EVENTS.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    static String message(String originalId, String openId, long createTime, long msgId, MessageRequest m) {
        if (m.msgType() == null || m.msgType().isBlank()) {
            throw SandboxProblem.badRequest("msgType is required");
        }
        if ("text".equals(m.msgType()) && (m.content() == null || m.content().isEmpty())) {
            throw SandboxProblem.badRequest("a text message needs content");
        }
        CallbackXml xml = CallbackXml.header(originalId, openId, createTime, m.msgType());
        switch (m.msgType()) {
            case "text" -> xml.text("Content", m.content());
            case "image" -> xml.text("PicUrl", m.picUrl()).text("MediaId", m.mediaId());
            case "voice" -> xml.text("MediaId", m.mediaId()).text("Format", m.format())
                    .text("Recognition", m.recognition());
            case "video", "shortvideo" -> xml.text("MediaId", m.mediaId()).text("ThumbMediaId", m.thumbMediaId());
            case "location" -> xml.decimal("Location_X", m.locationX()).decimal("Location_Y", m.locationY())
                    .decimal("Scale", m.scale()).text("Label", m.label());
            case "link" -> xml.text("Title", m.title()).text("Description", m.description()).text("Url", m.url());
            default -> {
                // Other types carry only what the caller put in fields.
            }
        }
        xml.number("MsgId", msgId);
        return extras(xml, m.fields()).build();
    }

    static String event(String originalId, String openId, long createTime, String event, EventRequest e) {
        CallbackXml xml = CallbackXml.header(originalId, openId, createTime, "event")
                .text("Event", event)
                .text("EventKey", e.eventKey())
                .text("Ticket", e.ticket())
                .decimal("Latitude", e.latitude())
                .decimal("Longitude", e.longitude())
                .decimal("Precision", e.precision());
        return extras(xml, e.fields()).build();
    }

    private static CallbackXml extras(CallbackXml xml, Map<String, String> fields) {
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (!FIELD_NAME.matcher(name).matches()) {
                    throw SandboxProblem.badRequest("not an XML field name: " + name);
                }
                xml.text(name, value);
            });
        }
        return xml;
    }
}
