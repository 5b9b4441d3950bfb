package io.wxplatform.token.component;

import java.time.Instant;

/**
 * An authorization a tenant admin started ({@code _id} = authorizationId). The pre_auth_code is kept only as a
 * SHA-256 hash, to find the document when the {@code authorized} push names it. {@code state} moves PENDING →
 * CLAIMED (one arrival, redirect or push, won the auth code) → COMPLETED, REFUSED or FAILED; a claim whose
 * {@code claimedUntil} passed (its holder died) may be taken again.
 */
record PendingAuthorization(
        String id,
        String tenantId,
        String componentAppId,
        String preAuthCodeHash,
        String returnUrl,
        State state,
        Instant expiresAt,
        Instant createdAt,
        Instant claimedUntil,
        String authorizerAppId,
        String error,
        Instant finishedAt) {

    enum State {
        PENDING,
        CLAIMED,
        COMPLETED,
        /** WeChat authorized an account another tenant owns; nothing was created. */
        REFUSED,
        FAILED;

        boolean finished() {
            return this == COMPLETED || this == REFUSED || this == FAILED;
        }
    }
}
