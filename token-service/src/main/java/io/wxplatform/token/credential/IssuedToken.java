package io.wxplatform.token.credential;

import java.time.Instant;

/** An access token handed to a platform service; {@code version} is what it reports when WeChat refuses it. */
public record IssuedToken(String appId, String accessToken, Instant expiresAt, long version) {

    @Override
    public String toString() {
        return "IssuedToken[appId=" + appId + ", accessToken=***, expiresAt=" + expiresAt + ", version=" + version
                + "]";
    }
}
