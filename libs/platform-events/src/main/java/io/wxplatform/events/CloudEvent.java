package io.wxplatform.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The CloudEvents 1.0 attributes every record carries as headers.
 *
 * @param tenantId the owning tenant, or null where none is known (platform-level component pushes)
 * @param appId    the account concerned, or null
 */
public record CloudEvent(String id, String source, String type, Instant time, String tenantId, String appId) {

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }
}
