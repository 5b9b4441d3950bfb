package io.wxplatform.token.credential;

import io.wxplatform.token.account.Account;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How one kind of credential is obtained from WeChat: nothing else. {@link CredentialEngine} decides when, checks
 * the account, takes the rate-limit permit, builds and stores the version and announces it.
 */
interface CredentialFetcher {

    /** A fresh value from WeChat for {@code fetch}; lazy (nothing is called before subscription). */
    Mono<Fetched> fetch(Fetch fetch, CredentialEngine engine);

    /**
     * @param account the ACTIVE account the credential belongs to; null for a component's credential
     * @param stored  the version the new one replaces (with the authorizer refresh token to rotate); null if none
     * @param force   a reported-invalid token: WeChat must hand out a new one, not the current one again
     */
    record Fetch(String appId, Account account, Credential stored, boolean force) {}

    /** @param refreshToken the rotated authorizer refresh token that came with the value, or null */
    record Fetched(String value, Duration expiresIn, String refreshToken) {

        Fetched(String value, Duration expiresIn) {
            this(value, expiresIn, null);
        }
    }
}
