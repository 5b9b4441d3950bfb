package io.wxplatform.wechat.api;

import java.time.Duration;

/** An access token as WeChat hands it out. {@link #toString()} hides the value so it cannot leak into logs. */
public record AccessToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[value=***, expiresIn=" + expiresIn + "]";
    }
}
