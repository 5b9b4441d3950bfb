package io.wxplatform.wechat.api;

import java.time.Duration;

/** A component_access_token. {@link #toString()} hides the value so it cannot leak into logs. */
public record ComponentToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "ComponentToken[value=***, expiresIn=" + expiresIn + "]";
    }
}
