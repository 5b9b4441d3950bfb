package io.wxplatform.events;

import io.wxplatform.wechat.protocol.Header;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * The JSON body of {@link InboundEvent}, version 1 of {@code wx.inbound.v1}, grown without breaking a reader:
 * <pre>
 * {eventId, tenantId, appId, openId, toUserName, msgType, event, eventKey, createTime, receivedAt,
 *  fields: {every field as a string, unknown ones included, in document order},
 *  message: {type: "TextMessage", content: "…", msgId: "…"}}
 * </pre>
 * {@code message} (added to v1) is the typed message as callback-service parsed it: {@code type} names its record
 * ({@link InboundMessages#kindOf}), the other properties are its typed values (numbers as numbers); its header is the
 * event's own {@code toUserName, openId, createTime, msgType} and {@code fields}, so nothing is written twice but
 * the typed values. Readers written before {@code message} ignore it and rebuild from {@code fields}; this reader
 * takes the message as written, and rebuilds it from {@code fields} only for a record without {@code message} (from
 * an older producer, or waiting in an outbox) or with a {@code type} or value it does not know (a newer producer's).
 * {@code fields} therefore stays in v1; a body without it would be {@code wx.inbound.v2}.
 */
final class InboundEventJson {

    static final String TYPE = "type";

    /** Per message record: its components, the typed values among them (all but the header), its constructor. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> record) {
            RecordComponent[] components = record.getRecordComponents();
            List<RecordComponent> values = new ArrayList<>();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                if (types[i] != Header.class) {
                    values.add(components[i]);
                }
            }
            try {
                return new Shape(
                        components,
                        values.toArray(RecordComponent[]::new),
                        record.asSubclass(InboundMessage.class).getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(record + " has no canonical constructor", e);
            }
        }
    };

    private InboundEventJson() {}

    private record Shape(
            RecordComponent[] components, RecordComponent[] values, Constructor<? extends InboundMessage> canonical) {}

    static final class Writer extends ValueSerializer<InboundEvent> {

        @Override
        public void serialize(InboundEvent event, JsonGenerator json, SerializationContext context) {
            json.writeStartObject();
            json.writeStringProperty("eventId", event.eventId());
            json.writeStringProperty("tenantId", event.tenantId());
            json.writeStringProperty("appId", event.appId());
            json.writeStringProperty("openId", event.openId());
            json.writeStringProperty("toUserName", event.toUserName());
            json.writeStringProperty("msgType", event.msgType());
            json.writeStringProperty("event", event.event());
            json.writeStringProperty("eventKey", event.eventKey());
            json.writeNumberProperty("createTime", event.createTime());
            json.writeStringProperty("receivedAt", event.receivedAt().toString());
            json.writeName("fields");
            json.writeStartObject();
            for (Map.Entry<String, String> field : event.fields().entrySet()) {
                json.writeStringProperty(field.getKey(), field.getValue());
            }
            json.writeEndObject();
            writeMessage(event.message(), json);
            json.writeEndObject();
        }

        private static void writeMessage(InboundMessage message, JsonGenerator json) {
            json.writeName("message");
            json.writeStartObject();
            json.writeStringProperty(TYPE, InboundMessages.kindOf(message));
            for (RecordComponent component : SHAPES.get(message.getClass()).values()) {
                json.writeName(component.getName());
                Object value = valueOf(component, message);
                if (value instanceof String text) {
                    json.writeString(text); // most values, on every callback: no serializer lookup
                } else {
                    json.writePOJO(value);
                }
            }
            json.writeEndObject();
        }

        private static Object valueOf(RecordComponent component, InboundMessage message) {
            try {
                return component.getAccessor().invoke(message);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component + " of " + message.getClass(), e);
            }
        }
    }

    static final class Reader extends ValueDeserializer<InboundEvent> {

        @Override
        public InboundEvent deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            JsonNode json = context.readTree(parser);
            if (json == null || !json.isObject()) {
                return context.reportInputMismatch(InboundEvent.class, "not a JSON object");
            }
            String eventId = string(json, "eventId");
            String appId = string(json, "appId");
            Instant receivedAt = instant(json, "receivedAt");
            if (eventId == null || appId == null || receivedAt == null) {
                return context.reportInputMismatch(InboundEvent.class, "eventId, appId and receivedAt are required");
            }
            Map<String, String> fields = fields(json.get("fields"));
            InboundMessage message = typed(json, fields, context);
            if (message == null) {
                message = rebuilt(fields, context);
            }
            return new InboundEvent(eventId, string(json, "tenantId"), appId, receivedAt, message);
        }

        /** The message as written, or null when it must be rebuilt from the fields. */
        private static InboundMessage typed(JsonNode json, Map<String, String> fields, DeserializationContext context) {
            JsonNode message = json.get("message");
            Class<? extends InboundMessage> record =
                    message == null || !message.isObject() ? null : InboundMessages.recordOf(string(message, TYPE));
            JsonNode createTime = json.get("createTime");
            String toUserName = string(json, "toUserName");
            String openId = string(json, "openId");
            String msgType = string(json, "msgType");
            if (record == null
                    || createTime == null
                    || !createTime.isNumber()
                    || blank(toUserName)
                    || blank(openId)
                    || blank(msgType)) {
                return null;
            }
            Shape shape = SHAPES.get(record);
            RecordComponent[] components = shape.components();
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> type = components[i].getType();
                if (type == Header.class) {
                    arguments[i] = new Header(toUserName, openId, createTime.asLong(), msgType, fields);
                    continue;
                }
                JsonNode value = message.get(components[i].getName());
                if (value == null || value.isNull() && type.isPrimitive()) {
                    return null;
                }
                try {
                    // The generic type, so a list of records (subscription choices) reads as those records.
                    arguments[i] = value.isNull()
                            ? null
                            : context.readTreeAsValue(
                                    value, context.getTypeFactory().constructType(components[i].getGenericType()));
                } catch (JacksonException unreadable) {
                    return null;
                }
            }
            try {
                return shape.canonical().newInstance(arguments);
            } catch (ReflectiveOperationException | RuntimeException unbuildable) {
                return null;
            }
        }

        private static InboundMessage rebuilt(Map<String, String> fields, DeserializationContext context) {
            try {
                return InboundMessages.fromFields(fields);
            } catch (RuntimeException unreadable) {
                return context.reportInputMismatch(
                        InboundEvent.class, "fields are not a WeChat message: %s", unreadable.getMessage());
            }
        }

        private static Map<String, String> fields(JsonNode json) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (json != null && json.isObject()) {
                for (Map.Entry<String, JsonNode> field : json.properties()) {
                    fields.put(
                            field.getKey(),
                            field.getValue().isNull() ? null : field.getValue().asString());
                }
            }
            return fields;
        }

        private static Instant instant(JsonNode json, String name) {
            String value = string(json, name);
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static String string(JsonNode json, String name) {
            JsonNode value = json.get(name);
            return value == null || value.isNull() ? null : value.asString();
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
