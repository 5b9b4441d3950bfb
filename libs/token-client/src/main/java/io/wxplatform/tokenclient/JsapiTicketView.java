package io.wxplatform.tokenclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The account's JS-SDK jsapi_ticket as token-service keeps it fresh. {@link #toString()} hides the value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsapiTicketView(String appId, String ticket, Instant expiresAt, long version) {

    @Override
    public String toString() {
        return "JsapiTicketView[appId=" + appId + ", ticket=***, expiresAt=" + expiresAt + ", version=" + version + "]";
    }
}
