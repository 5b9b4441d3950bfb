package io.wxplatform.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON codec of event bodies: one shared mapper, instants as ISO-8601 strings. */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Bodies evolve by adding fields; older consumers must keep reading newer records.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new InvalidEventException("Cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws InvalidEventException when the body is not a readable {@code type} */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body == null) {
            throw new InvalidEventException("Empty body where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw new InvalidEventException(
                    "Body is not a readable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
