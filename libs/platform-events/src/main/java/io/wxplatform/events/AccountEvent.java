package io.wxplatform.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An account lifecycle notice from token-service ({@link Topics#ACCOUNT}). It has no field that could hold a secret.
 *
 * @param type   what happened: one of the constants below
 * @param mode   how the account is connected, e.g. {@code DIRECT} or {@code COMPONENT}
 * @param status the account status after the change
 * @param at     when it happened
 * @param accountType WeChat's account type, {@code SUBSCRIPTION} or {@code SERVICE}, as declared (direct accounts) or
 *                    read from api_get_authorizer_info (component accounts); null in notices older than the field
 * @param verified whether WeChat verified the account; null in notices older than the field
 * @param permissions the permission sets (func_info ids of api_get_authorizer_info) the owner granted a component
 *                    account's platform; null for direct accounts and in notices older than the field
 */
public record AccountEvent(
        String type,
        String tenantId,
        String appId,
        String mode,
        String status,
        Instant at,
        String accountType,
        Boolean verified,
        List<Integer> permissions) {

    public static final String REGISTERED = "REGISTERED";
    public static final String UPDATED = "UPDATED";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String RESUMED = "RESUMED";
    public static final String DELETED = "DELETED";
    public static final String STATUS_CHANGED = "STATUS_CHANGED";

    public AccountEvent {
        permissions = permissions == null ? null : List.copyOf(permissions);
    }

    /** A notice that does not say the account's type and verification. */
    public AccountEvent(String type, String tenantId, String appId, String mode, String status, Instant at) {
        this(type, tenantId, appId, mode, status, at, null, null, null);
    }

    /** A notice that says the account's type and verification but no permission sets (a direct account). */
    public AccountEvent(
            String type,
            String tenantId,
            String appId,
            String mode,
            String status,
            Instant at,
            String accountType,
            Boolean verified) {
        this(type, tenantId, appId, mode, status, at, accountType, verified, null);
    }

    /** Deterministic, so a republished notice is recognised as the same one. */
    public String eventId() {
        return appId + ":account:" + type + ":" + at.toEpochMilli();
    }

    public String kafkaKey() {
        return appId;
    }

    public CloudEvent cloudEvent() {
        return new CloudEvent(
                eventId(),
                "/tenants/" + tenantId + "/accounts/" + appId,
                "io.wxplatform.wx.account." + type.toLowerCase(Locale.ROOT),
                at,
                tenantId,
                appId);
    }
}
