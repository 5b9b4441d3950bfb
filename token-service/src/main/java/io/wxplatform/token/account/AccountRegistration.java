package io.wxplatform.token.account;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.secret.SecretBox;
import io.wxplatform.token.tenant.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Registers a direct-mode account: validate, seal the secrets, insert (the appId is the {@code _id}, so a duplicate
 * fails atomically), then announce it on Kafka. The notice is stored with the account first, so a crash or a Kafka
 * outage between the two steps only delays it ({@link PendingEventRelay} sends it again).
 */
@Service
class AccountRegistration {

    private static final Logger log = LoggerFactory.getLogger(AccountRegistration.class);

    private final AccountRepository accounts;
    private final TenantScope tenants;
    private final SecretBox secrets;
    private final AccountEvents events;
    private final Clock clock;

    AccountRegistration(
            AccountRepository accounts, TenantScope tenants, SecretBox secrets, AccountEvents events, Clock clock) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    Mono<Account> register(String tenantId, RegisterAccountRequest request) {
        return tenants.require(tenantId)
                .then(Mono.fromCallable(() -> newAccount(tenantId, request)))
                .flatMap(account -> accounts.insert(account)
                        .flatMap(inserted -> inserted
                                ? announce(account)
                                : Mono.error(ApiException.conflict(
                                        "ACCOUNT_EXISTS", "account " + account.appId() + " is registered already"))));
    }

    private Account newAccount(String tenantId, RegisterAccountRequest request) {
        Map<String, String> violations = request.violations();
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        String appId = request.appId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AccountSecrets sealed = new AccountSecrets(
                secrets.seal(request.appSecret(), AccountSecrets.context(appId, "appSecret")),
                secrets.seal(request.callbackToken(), AccountSecrets.context(appId, "callbackToken")),
                secrets.seal(request.encodingAesKey(), AccountSecrets.context(appId, "encodingAesKey")),
                null);
        return new Account(
                appId,
                tenantId,
                request.name().strip(),
                request.accountType(),
                request.verified(),
                AccountMode.DIRECT,
                AccountStatus.ACTIVE,
                sealed,
                now,
                now,
                new Account.PendingEvent(AccountEvent.REGISTERED, now),
                null);
    }

    private Mono<Account> announce(Account account) {
        return events.publish(account, account.pendingEvent())
                .then(accounts.clearPendingEvent(
                        account.appId(), account.pendingEvent().at()))
                .thenReturn(account)
                .onErrorResume(error -> {
                    log.warn(
                            "Kafka did not acknowledge the {} notice of {} yet; it will be sent again: {}",
                            account.pendingEvent().type(),
                            account.appId(),
                            error.toString());
                    return Mono.just(account);
                });
    }
}
