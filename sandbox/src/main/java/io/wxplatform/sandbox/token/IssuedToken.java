package io.wxplatform.sandbox.token;

import java.time.Instant;

/**
 * One access_token handed out. {@code revokedAt} is set once a newer token supersedes it: from then on it is
 * "not latest" (40001) rather than expired (42001).
 */
record IssuedToken(String value, String appId, Instant expiresAt, Instant revokedAt) {

    IssuedToken revokedNoLaterThan(Instant at) {
        return revokedAt != null && !revokedAt.isAfter(at) ? this : new IssuedToken(value, appId, expiresAt, at);
    }

    /** When the token stops working for whatever reason. */
    Instant end() {
        return revokedAt != null && revokedAt.isBefore(expiresAt) ? revokedAt : expiresAt;
    }

    @Override
    public String toString() {
        return "IssuedToken[" + appId + ", expires " + expiresAt + "]";
    }
}
