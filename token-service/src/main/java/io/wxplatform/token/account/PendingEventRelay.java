package io.wxplatform.token.account;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import io.wxplatform.token.credential.AccountCredentials;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends account notices again that Kafka did not acknowledge when they were made. The event id is deterministic,
 * so a notice sent twice is recognised by consumers as the same one. The notice of an account that lost its tokens
 * (UNAUTHORIZED, DELETED) goes out only after its credentials are wiped: that finishes a revocation or deletion whose
 * wipe failed after the account's write.
 */
@Component
class PendingEventRelay extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(PendingEventRelay.class);
    private static final int BATCH = 100;

    private final AccountRepository accounts;
    private final AccountEvents events;
    private final Clock clock;
    private final AccountProperties properties;
    private final AccountCredentials credentials;

    PendingEventRelay(
            AccountRepository accounts,
            AccountEvents events,
            Clock clock,
            AccountProperties properties,
            AccountCredentials credentials) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(properties.relayInterval(), properties.relayInterval())
                .onBackpressureDrop()
                .concatMap(tick -> relayOnce(), 1)
                .subscribe();
    }

    /** Notices younger than the publish timeout may still be on their way from the registration itself. */
    Mono<Void> relayOnce() {
        Duration settle = properties.eventTimeout();
        return accounts.withPendingEventsBefore(clock.instant().minus(settle), BATCH)
                .concatMap(account -> withoutTokens(account)
                        .then(events.publish(account, account.pendingEvent()))
                        .then(accounts.clearPendingEvent(
                                account.appId(), account.pendingEvent().at()))
                        .then(
                                account.status() == AccountStatus.DELETED
                                        ? accounts.removeTombstone(account.appId())
                                        : Mono.empty())
                        .doOnSuccess(done -> log.info(
                                "Sent the delayed {} notice of {}",
                                account.pendingEvent().type(),
                                account.appId())))
                .then()
                .onErrorResume(error -> {
                    log.warn("Account notices could not be relayed this round: {}", error.toString());
                    return Mono.empty();
                });
    }

    /**
     * Idempotent. Should the account be authorized again between this read and the delete, its fresh tokens go too;
     * the next use rebuilds them from api_get_authorizer_info, like any missing credential of a component account.
     */
    private Mono<Void> withoutTokens(Account account) {
        return account.status() == AccountStatus.UNAUTHORIZED || account.status() == AccountStatus.DELETED
                ? credentials.wipe(account.appId())
                : Mono.empty();
    }
}
