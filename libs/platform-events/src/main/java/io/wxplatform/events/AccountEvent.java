package io.wxplatform.events;

import java.time.Instant;
import java.util.Locale;

/**
 * An account lifecycle notice from token-service ({@link Topics#ACCOUNT}). It has no field that could hold a secret.
 *
 * @param type   what happened: one of the constants below
 * @param mode   how the account is connected, e.g. {@code DIRECT} or {@code COMPONENT}
 * @param status the account status after the change
 * @param at     when it happened
 */
public record AccountEvent(String type, String tenantId, String appId, String mode, String status, Instant at) {

    public static final String REGISTERED = "REGISTERED";
    public static final String UPDATED = "UPDATED";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String RESUMED = "RESUMED";
    public static final String DELETED = "DELETED";
    public static final String STATUS_CHANGED = "STATUS_CHANGED";

    /** Deterministic, so a republished notice is recognised as the same one. */
    public String eventId() {
        return appId + ":account:" + type + ":" + at.toEpochMilli();
    }

    public String kafkaKey() {
        return appId;
    }

    public CloudEvent cloudEvent() {
        return new CloudEvent(eventId(), "/tenants/" + tenantId + "/accounts/" + appId,
                "io.wxplatform.wx.account." + type.toLowerCase(Locale.ROOT), at, tenantId, appId);
    }
}
