package io.wxplatform.token.credential;

import java.time.Instant;

/** A jsapi_ticket handed to a platform service, for signing JS-SDK configurations of web pages. */
public record IssuedTicket(String appId, String ticket, Instant expiresAt, long version) {

    @Override
    public String toString() {
        return "IssuedTicket[appId=" + appId + ", ticket=***, expiresAt=" + expiresAt + ", version=" + version + "]";
    }
}
