package io.wxplatform.token.credential;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Access tokens of accounts as the internal API hands them out (direct mode: stable_token; component mode:
 * api_authorizer_token), through {@link CredentialEngine}. A token with less than {@code serveMargin} left is never
 * handed out but replaced on the spot; a token reported invalid is force-refreshed at most once per version.
 */
@Service
public class AccessTokens {

    private final CredentialEngine engine;

    AccessTokens(CredentialEngine engine) {
        this.engine = engine;
    }

    public Mono<IssuedToken> current(String appId) {
        return engine.current(CredentialKind.ACCESS_TOKEN, appId)
                .map(credential -> new IssuedToken(
                        credential.appId(), engine.open(credential), credential.expiresAt(), credential.version()));
    }

    /** Completes when a token newer than {@code version} is stored (or there is nothing to do for it). */
    public Mono<Void> reportInvalid(String appId, long version) {
        return engine.reportInvalid(CredentialKind.ACCESS_TOKEN, appId, version);
    }
}
