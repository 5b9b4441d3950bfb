package io.wxplatform.token.credential;

import java.time.Clock;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** What account lifecycle changes do to an account's credentials. */
@Service
public class AccountCredentials {

    private final CredentialRepository credentials;
    private final Clock clock;

    AccountCredentials(CredentialRepository credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
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
