package io.wxplatform.token.credential;

import io.wxplatform.token.secret.SealedSecret;
import java.time.Instant;

/**
 * One credential of an account (document {@code _id = appId|kind} in {@code credentials}). Every write carries
 * {@code version + 1} of the version it replaced, so a stale writer can never overwrite a newer value.
 * {@code refreshAt} is when the scheduler replaces it next (absent: not refreshed, e.g. the account needs a
 * person); {@code failures} counts refresh errors in a row for the backoff. {@code lease} names the one replica
 * allowed to refresh it right now. {@code refreshToken} (component accounts' access tokens only) is the authorizer
 * refresh token the value was obtained with the rotation of: written in the same update as the value it came with.
 */
record Credential(
        String appId,
        CredentialKind kind,
        long version,
        SealedSecret value,
        Instant expiresAt,
        Instant refreshedAt,
        Instant refreshAt,
        int failures,
        Lease lease,
        SealedSecret refreshToken) {

    record Lease(String owner, Instant until) {}

    String id() {
        return id(appId, kind);
    }

    static String id(String appId, CredentialKind kind) {
        return appId + "|" + kind.name();
    }

    /** Authenticated context of the sealed value. */
    String context() {
        return id();
    }

    /** Authenticated context of the sealed authorizer refresh token. */
    String refreshTokenContext() {
        return id() + "|refreshToken";
    }

    @Override
    public String toString() {
        return "Credential[" + id() + ", v" + version + ", expiresAt=" + expiresAt + "]";
    }
}
