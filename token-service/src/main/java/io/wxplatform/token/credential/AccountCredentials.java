package io.wxplatform.token.credential;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** What account lifecycle changes do to an account's credentials. */
@Service
public class AccountCredentials {

    private final CredentialRepository credentials;
    private final CredentialVersions versions;
    private final TokenRotations rotations;
    private final Clock clock;

    AccountCredentials(CredentialRepository credentials, CredentialVersions versions, TokenRotations rotations,
            Clock clock) {
        this.credentials = credentials;
        this.versions = versions;
        this.rotations = rotations;
        this.clock = clock;
    }

    /**
     * An authorization's first access token and its authorizer refresh token (api_query_auth), stored together in
     * one write as the account's next version; the scheduler renews them from here.
     */
    public Mono<Void> authorized(String appId, String accessToken, Duration expiresIn, String refreshToken) {
        Credential next = versions.next(appId, CredentialKind.ACCESS_TOKEN, 0, accessToken, expiresIn,
                refreshToken);
        return credentials.replaceAuthorized(next)
                .flatMap(version -> rotations.announce(new Credential(next.appId(), next.kind(), version,
                        next.value(), next.expiresAt(), next.refreshedAt(), next.refreshAt(), 0, null,
                        next.refreshToken())));
    }

    /** A resumed account's credentials are refreshed at once (they may have expired while it was stopped). */
    public Mono<Void> resume(String appId) {
        return credentials.dueNow(appId, clock.instant());
    }

    /** A deleted account's tokens and tickets are gone for good. */
    public Mono<Void> wipe(String appId) {
        return credentials.deleteAll(appId);
    }
}
