package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The callback XML of a follower's message or event, field for field as WeChat sends it (see the type tables). */
final class FollowerXml {

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** WeChat's spelling of each event, looked up case-insensitively; others pass through as given. */
    private static final Map<String, String> EVENT_NAMES = EventTypes.TABLE.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(e -> e.toLowerCase(Locale.ROOT), Function.identity()));

    private FollowerXml() {}

    static String event(String name) {
        if (name == null || name.isBlank()) {
            throw SandboxProblem.badRequest("event is required");
        }
        return EVENT_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    static String message(String originalId, String openId, long createTime, long msgId, MessageRequest m) {
        if (m.msgType() == null || m.msgType().isBlank()) {
            throw SandboxProblem.badRequest("msgType is required");
        }
        if ("text".equals(m.msgType()) && (m.content() == null || m.content().isEmpty())) {
            throw SandboxProblem.badRequest("a text message needs content");
        }
        XmlWriter xml = header(originalId, openId, createTime, m.msgType());
        write(xml, m, m.msgType(), MessageTypes.TABLE.getOrDefault(m.msgType(), List.of()));
        xml.number("MsgId", msgId);
        write(xml, m, m.msgType(), MessageTypes.TRAILER);
        return extras(xml, m.fields()).build();
    }

    /** {@code event} is WeChat's spelling, from {@link #event(String)}. */
    static String event(String originalId, String openId, long createTime, String event, EventRequest e) {
        XmlWriter xml = header(originalId, openId, createTime, "event").text("Event", event);
        write(xml, e, event, EventTypes.TABLE.getOrDefault(event, EventTypes.OTHER));
        return extras(xml, e.fields()).build();
    }

    /** The four fields every callback starts with. */
    private static XmlWriter header(String originalId, String openId, long createTime, String msgType) {
        return XmlWriter.root()
                .text("ToUserName", originalId)
                .text("FromUserName", openId)
                .number("CreateTime", createTime)
                .text("MsgType", msgType);
    }

    private static <R> void write(XmlWriter xml, R request, String type, List<XmlPart<R>> parts) {
        try {
            for (XmlPart<R> part : parts) {
                part.write(xml, request);
            }
        } catch (SandboxProblem missing) {
            throw SandboxProblem.badRequest(missing.getMessage() + " for " + type);
        }
    }

    private static XmlWriter extras(XmlWriter xml, Map<String, String> fields) {
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (!FIELD_NAME.matcher(name).matches()) {
                    throw SandboxProblem.badRequest("not an XML field name: " + name);
                }
                xml.optionalText(name, value);
            });
        }
        return xml;
    }
}
