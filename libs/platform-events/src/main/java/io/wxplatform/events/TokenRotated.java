package io.wxplatform.events;

import java.time.Instant;

/**
 * A credential was refreshed ({@link Topics#TOKEN}). Carries the version, never the value: holders of an older
 * version know to fetch the new one over the internal token API.
 *
 * @param appId      the account, or the component appId for {@link #COMPONENT_ACCESS_TOKEN}
 * @param credential which credential: one of the constants below
 * @param version    the new version; versions only grow
 * @param expiresAt  when the new value expires
 */
public record TokenRotated(String appId, String credential, long version, Instant expiresAt) {

    public static final String ACCESS_TOKEN = "ACCESS_TOKEN";
    public static final String JSAPI_TICKET = "JSAPI_TICKET";
    public static final String COMPONENT_ACCESS_TOKEN = "COMPONENT_ACCESS_TOKEN";

    /** One id per credential version. */
    public String eventId() {
        return appId + ":token:" + credential + ":" + version;
    }

    public String kafkaKey() {
        return appId;
    }

    /** {@code time} is when the rotation is published; no tenant, since token-service keys credentials by appId. */
    public CloudEvent cloudEvent(Instant publishedAt) {
        return new CloudEvent(
                eventId(), "/tokens/" + appId, "io.wxplatform.wx.token.rotated", publishedAt, null, appId);
    }
}
