package io.wxplatform.token.credential;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** What account lifecycle changes do to an account's credentials. */
@Service
public class AccountCredentials {

    private final CredentialRepository credentials;
    private final CredentialEngine engine;
    private final Clock clock;

    AccountCredentials(CredentialRepository credentials, CredentialEngine engine, Clock clock) {
        this.credentials = credentials;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * An authorization's first access token and its authorizer refresh token (api_query_auth), stored together in
     * one write as the account's next version; the scheduler renews them from here.
     */
    public Mono<Void> authorized(String appId, String accessToken, Duration expiresIn, String refreshToken) {
        return engine.storeAuthorized(appId, accessToken, expiresIn, refreshToken);
    }

    /** A resumed account's credentials are refreshed at once (they may have expired while it was stopped). */
    public Mono<Void> resume(String appId) {
        return credentials.dueNow(appId, clock.instant());
    }

    /** A deleted account's tokens and tickets are gone for good. */
    public Mono<Void> wipe(String appId) {
        return credentials.deleteAll(appId).doFinally(signal -> engine.accountChanged(appId));
    }

    /**
     * The account was changed by this replica (status, secrets): its credentials are not served from this replica's
     * cache before the account is checked again. Other replicas learn it from the account notice.
     */
    public void changed(String appId) {
        engine.accountChanged(appId);
    }
}
