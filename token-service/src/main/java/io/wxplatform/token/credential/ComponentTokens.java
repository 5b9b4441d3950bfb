package io.wxplatform.token.credential;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * component_access_tokens, one credential per component ({@code appId} = component appId), through
 * {@link CredentialEngine}. The first one is fetched when the first ticket arrives (or on first use); from then on
 * {@link RefreshScheduler} replaces it before it expires. A refusal for a bad ticket backs off like any failure: the
 * next ticket push makes the credential due again at once.
 */
@Service
public class ComponentTokens {

    private static final Logger log = LoggerFactory.getLogger(ComponentTokens.class);
    private static final CredentialKind KIND = CredentialKind.COMPONENT_ACCESS_TOKEN;

    private final CredentialEngine engine;
    private final CredentialRepository credentials;
    private final CredentialVersions versions;
    private final Clock clock;

    ComponentTokens(
            CredentialEngine engine, CredentialRepository credentials, CredentialVersions versions, Clock clock) {
        this.engine = engine;
        this.credentials = credentials;
        this.versions = versions;
        this.clock = clock;
    }

    /** The component's current token, fetched on the spot if none usable is stored. */
    public Mono<IssuedToken> current(String componentAppId) {
        return engine.current(KIND, componentAppId)
                .map(credential -> new IssuedToken(
                        credential.appId(), engine.open(credential), credential.expiresAt(), credential.version()));
    }

    /**
     * A new verify ticket arrived: fetch the first token if there is none, and retry at once a refresh that was
     * waiting (backing off) for a good ticket. Never fails.
     */
    public Mono<Void> ticketArrived(String componentAppId) {
        return credentials
                .find(componentAppId, KIND)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(stored -> stored.isEmpty()
                        ? current(componentAppId).then()
                        : stored.get().failures() > 0 || !versions.usable(stored.get())
                                ? credentials.dueNow(componentAppId, clock.instant())
                                : Mono.<Void>empty())
                .onErrorResume(error -> {
                    log.warn("No component_access_token for {} yet: {}", componentAppId, error.toString());
                    return Mono.empty();
                });
    }
}
