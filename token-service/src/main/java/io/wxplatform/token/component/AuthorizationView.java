package io.wxplatform.token.component;

import java.time.Instant;

/**
 * An authorization as its tenant sees it. {@code url} (the authorization page, with a fresh pre_auth_code) only in
 * the answer to starting one.
 */
record AuthorizationView(
        String authorizationId,
        String tenantId,
        String componentAppId,
        String url,
        Instant expiresAt,
        String state,
        String authorizerAppId,
        String error,
        Instant createdAt,
        Instant finishedAt) {

    static AuthorizationView of(PendingAuthorization a, String url, Instant now) {
        String state = a.state() == PendingAuthorization.State.PENDING && now.isAfter(a.expiresAt())
                ? "EXPIRED"
                : a.state().name();
        return new AuthorizationView(
                a.id(),
                a.tenantId(),
                a.componentAppId(),
                url,
                a.expiresAt(),
                state,
                a.authorizerAppId(),
                a.error(),
                a.createdAt(),
                a.finishedAt());
    }
}
