package io.wxplatform.token.credential;

import java.time.Clock;
import java.util.Optional;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.component.ComponentRegistry;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * component_access_tokens, one credential per component ({@code appId} = component appId), obtained from the last
 * good verify ticket and the component AppSecret. The first one is fetched when the first ticket arrives (or on first
 * use); from then on {@link RefreshScheduler} replaces it before it expires. 61005/61006 (ticket expired or invalid)
 * are an ordinary backoff: the next ticket push makes the credential due again at once.
 */
@Service
public class ComponentTokens {

    private static final Logger log = LoggerFactory.getLogger(ComponentTokens.class);
    private static final CredentialKind KIND = CredentialKind.COMPONENT_ACCESS_TOKEN;

    private final CredentialRepository credentials;
    private final ComponentRegistry components;
    private final WeChatClient wechat;
    private final CredentialVersions versions;
    private final TokenRotations rotations;
    private final Clock clock;
    private final SingleFlight<IssuedToken> loads = new SingleFlight<>();

    ComponentTokens(CredentialRepository credentials, ComponentRegistry components, WeChatClient wechat,
            CredentialVersions versions, TokenRotations rotations, Clock clock) {
        this.credentials = credentials;
        this.components = components;
        this.wechat = wechat;
        this.versions = versions;
        this.rotations = rotations;
        this.clock = clock;
    }

    /** The component's current token, fetched on the spot if none usable is stored. */
    public Mono<IssuedToken> current(String componentAppId) {
        return credentials.find(componentAppId, KIND)
                .filter(versions::usable)
                .map(this::issue)
                .switchIfEmpty(loads.run(componentAppId, () -> refreshUnlessFresh(componentAppId)));
    }

    /**
     * A new verify ticket arrived: fetch the first token if there is none, and retry at once a refresh that was
     * waiting (backing off) for a good ticket. Never fails.
     */
    public Mono<Void> ticketArrived(String componentAppId) {
        return credentials.find(componentAppId, KIND)
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

    /** The scheduled refresh's WeChat call; the next version, not yet stored. */
    Mono<Credential> fetchNext(Credential claimed, Mono<String> permit) {
        return permit.then(fetch(claimed.appId()))
                .map(token -> versions.next(claimed.appId(), KIND, claimed.version(), token.value(),
                        token.expiresIn()));
    }

    private Mono<IssuedToken> refreshUnlessFresh(String componentAppId) {
        return credentials.find(componentAppId, KIND)
                .map(stored -> versions.usable(stored) ? Mono.just(issue(stored))
                        : fetchAndStore(componentAppId, stored.version()))
                .defaultIfEmpty(Mono.defer(() -> fetchAndStore(componentAppId, 0)))
                .flatMap(next -> next);
    }

    private Mono<IssuedToken> fetchAndStore(String componentAppId, long seenVersion) {
        return fetch(componentAppId).flatMap(token -> {
            Credential next = versions.next(componentAppId, KIND, seenVersion, token.value(), token.expiresIn());
            return credentials.storeIfVersion(next, seenVersion).flatMap(stored -> {
                if (stored) {
                    log.info("Stored component_access_token version {} of {}, expires at {}", next.version(),
                            componentAppId, next.expiresAt());
                    return rotations.announce(next).thenReturn(issue(next, token.value()));
                }
                return credentials.find(componentAppId, KIND).map(this::issue);
            });
        });
    }

    private Mono<io.wxplatform.wechat.api.ComponentToken> fetch(String componentAppId) {
        return components.tokenInputs(componentAppId)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict("COMPONENT_TICKET_MISSING",
                        "component " + componentAppId + " is unknown or has no verify ticket yet")))
                .flatMap(inputs -> wechat.component().componentToken(componentAppId, inputs.appSecret(),
                        inputs.verifyTicket()))
                .doOnError(WeChatApiException.class, error -> log.warn(
                        "WeChat refused a component_access_token for {} ({} {}); waiting for the next ticket or "
                                + "backing off", componentAppId, error.errcode(), error.category()));
    }

    private IssuedToken issue(Credential credential) {
        return issue(credential, versions.open(credential));
    }

    private static IssuedToken issue(Credential credential, String value) {
        return new IssuedToken(credential.appId(), value, credential.expiresAt(), credential.version());
    }
}
