package io.wxplatform.token.credential;

import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.Ticket;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * jsapi_tickets of direct-mode accounts, fetched with the account's current access token. The first one is
 * fetched on first use; from then on {@link RefreshScheduler} replaces it before it expires, like access tokens.
 * When WeChat says the access token is stale, it is reported (one forced refresh per version) and the call made
 * once more with the new one.
 */
@Service
public class JsapiTickets {

    private static final Logger log = LoggerFactory.getLogger(JsapiTickets.class);
    private static final CredentialKind KIND = CredentialKind.JSAPI_TICKET;

    private final CredentialRepository credentials;
    private final AccountRepository accounts;
    private final AccessTokens accessTokens;
    private final WeChatClient wechat;
    private final CredentialVersions versions;
    private final TokenRotations rotations;
    private final SingleFlight<IssuedTicket> loads = new SingleFlight<>();

    JsapiTickets(CredentialRepository credentials, AccountRepository accounts, AccessTokens accessTokens, WeChatClient wechat,
            CredentialVersions versions, TokenRotations rotations) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.accessTokens = accessTokens;
        this.wechat = wechat;
        this.versions = versions;
        this.rotations = rotations;
    }

    public Mono<IssuedTicket> current(String appId) {
        return credentials.find(appId, KIND)
                .filter(versions::usable)
                .map(this::issue)
                .switchIfEmpty(loads.run(appId, () -> refreshUnlessFresh(appId)));
    }

    /** The scheduled refresh's WeChat call (the next version, not yet stored); empty for an inactive account. */
    Mono<Credential> fetchNext(Credential claimed, Mono<String> permit) {
        return accounts.find(claimed.appId())
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .flatMap(active -> permit.then(fetch(claimed.appId())))
                .map(ticket -> versions.next(claimed.appId(), KIND, claimed.version(), ticket.value(),
                        ticket.expiresIn()));
    }

    private Mono<IssuedTicket> refreshUnlessFresh(String appId) {
        // Read again inside the flight: the previous flight may have stored a fresh ticket a moment ago.
        return credentials.find(appId, KIND)
                .map(stored -> versions.usable(stored) ? Mono.just(issue(stored)) : fetchAndStore(appId, stored.version()))
                .defaultIfEmpty(Mono.defer(() -> fetchAndStore(appId, 0)))
                .flatMap(next -> next);
    }

    private Mono<IssuedTicket> fetchAndStore(String appId, long seenVersion) {
        return fetch(appId).flatMap(ticket -> {
            Credential next = versions.next(appId, KIND, seenVersion, ticket.value(), ticket.expiresIn());
            return credentials.storeIfVersion(next, seenVersion).flatMap(stored -> {
                if (stored) {
                    log.info("Stored jsapi_ticket version {} of {}, expires at {}", next.version(), appId,
                            next.expiresAt());
                    return rotations.announce(next)
                            .thenReturn(new IssuedTicket(appId, ticket.value(), next.expiresAt(), next.version()));
                }
                // A newer version landed meanwhile; it wins and ours is dropped.
                return credentials.find(appId, KIND).map(this::issue);
            });
        });
    }

    private Mono<Ticket> fetch(String appId) {
        return accessTokens.current(appId).flatMap(token -> wechat.tickets().jsapiTicket(appId, token.accessToken())
                .onErrorResume(WeChatApiException.class, error -> error.category() == ErrorCategory.TOKEN_INVALID
                        ? accessTokens.reportInvalid(appId, token.version())
                                .then(accessTokens.current(appId))
                                .flatMap(next -> wechat.tickets().jsapiTicket(appId, next.accessToken()))
                        : Mono.error(error)));
    }

    private IssuedTicket issue(Credential credential) {
        return new IssuedTicket(credential.appId(), versions.open(credential), credential.expiresAt(),
                credential.version());
    }
}
