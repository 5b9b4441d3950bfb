package io.wxplatform.token.account;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.wechat.api.AttentionReason;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Marks an ACTIVE account as needing a person (bad secret, IP whitelist, lost authorization) and announces it as
 * STATUS_CHANGED. The notice is written with the status, so the relay resends it if Kafka misses it now.
 */
@Service
public class AccountAttention {

    private static final Logger log = LoggerFactory.getLogger(AccountAttention.class);

    private final AccountRepository accounts;
    private final AccountEvents events;
    private final Clock clock;

    AccountAttention(AccountRepository accounts, AccountEvents events, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** Completes once the status is stored; the notice follows on a best-effort basis (and by the relay). */
    public Mono<Void> needsAttention(String appId, AttentionReason reason) {
        AccountStatus status = AccountStatus.of(reason);
        Account.PendingEvent notice = new Account.PendingEvent(
                AccountEvent.STATUS_CHANGED, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return accounts.changeStatus(appId, AccountStatus.ACTIVE, status, notice)
                .doOnNext(changed ->
                        log.warn("Account {} is now {}: WeChat refused its setup; a person must fix it", appId, status))
                .flatMap(changed -> events.publish(changed, notice)
                        .then(accounts.clearPendingEvent(appId, notice.at()))
                        .onErrorResume(error -> {
                            log.warn(
                                    "The {} notice of {} waits for the relay: {}",
                                    notice.type(),
                                    appId,
                                    error.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}
