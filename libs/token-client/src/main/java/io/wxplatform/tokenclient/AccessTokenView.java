package io.wxplatform.tokenclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * An access token as token-service hands it out. {@code version} identifies this token when reporting it invalid.
 * {@link #toString()} hides the value so it cannot leak into logs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessTokenView(String appId, String accessToken, Instant expiresAt, long version) {

    @Override
    public String toString() {
        return "AccessTokenView[appId=" + appId + ", accessToken=***, expiresAt=" + expiresAt + ", version=" + version
                + "]";
    }
}
