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
        return engine.current(CredentialKind.ACCESS_TOKEN, appId).map(this::issued);
    }

    /**
     * The token {@link #current} would hand out, if this replica's cache holds one that may be served; else
     * {@code null}, and the caller asks {@link #current}. Reads nothing from MongoDB or WeChat: for the internal
     * lookup's fast path, on an event-loop thread.
     */
    public IssuedToken cached(String appId) {
        Credential credential = engine.cached(CredentialKind.ACCESS_TOKEN, appId);
        return credential == null ? null : issued(credential);
    }

    /** Completes when a token newer than {@code version} is stored (or there is nothing to do for it). */
    public Mono<Void> reportInvalid(String appId, long version) {
        return engine.reportInvalid(CredentialKind.ACCESS_TOKEN, appId, version);
    }

    private IssuedToken issued(Credential credential) {
        return new IssuedToken(
                credential.appId(), engine.open(credential), credential.expiresAt(), credential.version());
    }
}
