package io.wxplatform.wechat.api;

import java.time.Duration;

/** A JS-SDK ticket as WeChat hands it out. {@link #toString()} hides the value so it cannot leak into logs. */
public record Ticket(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "Ticket[value=***, expiresIn=" + expiresIn + "]";
    }
}
