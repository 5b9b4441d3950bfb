package io.wxplatform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents 1.0 Kafka binary mode: attributes as {@code ce_*} headers (UTF-8), the body is the event data. */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String TENANT_ID = "ce_tenantid";
    public static final String APP_ID = "ce_appid";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {}

    /** Replaces any existing CloudEvents headers with those of {@code event}; null extensions are left out. */
    public static void write(Headers headers, CloudEvent event) {
        put(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        put(headers, ID, event.id());
        put(headers, SOURCE, event.source());
        put(headers, TYPE, event.type());
        // Instant.toString() is ISO-8601 in UTC, which RFC 3339 accepts.
        put(headers, TIME, event.time().toString());
        put(headers, TENANT_ID, event.tenantId());
        put(headers, APP_ID, event.appId());
        put(headers, CONTENT_TYPE, APPLICATION_JSON);
    }

    /**
     * Reads the attributes back.
     *
     * @throws InvalidEventException when a required attribute is missing or unreadable
     */
    public static CloudEvent read(Headers headers) {
        String specVersion = required(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new InvalidEventException("Unsupported " + SPEC_VERSION + " '" + specVersion + "'");
        }
        return new CloudEvent(
                required(headers, ID),
                required(headers, SOURCE),
                required(headers, TYPE),
                time(required(headers, TIME)),
                optional(headers, TENANT_ID),
                optional(headers, APP_ID));
    }

    /** The last value of a header as UTF-8, or null. */
    public static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isEmpty()) {
            throw new InvalidEventException("Missing required CloudEvents header " + name);
        }
        return value;
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("Header " + TIME + " is not an RFC 3339 instant: '" + value + "'", e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
