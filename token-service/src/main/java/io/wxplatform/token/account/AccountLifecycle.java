package io.wxplatform.token.account;

import com.mongodb.client.model.Updates;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.credential.AccountCredentials;
import io.wxplatform.token.secret.SecretBox;
import io.wxplatform.token.tenant.TenantScope;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Update, suspend, resume and delete of a tenant's account. Each change is one conditional write that also stores
 * the notice, which is then published (and resent by {@link PendingEventRelay} if Kafka missed it).
 */
@Service
class AccountLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountLifecycle.class);
    private static final Set<AccountStatus> LIVE = EnumSet.complementOf(EnumSet.of(AccountStatus.DELETED));
    private static final Set<AccountStatus> RESUMABLE = EnumSet.of(
            AccountStatus.SUSPENDED,
            AccountStatus.INVALID_SECRET,
            AccountStatus.IP_NOT_WHITELISTED,
            AccountStatus.NEEDS_REAUTHORIZATION);

    private final AccountRepository accounts;
    private final TenantScope tenants;
    private final SecretBox secrets;
    private final AccountEvents events;
    private final AccountCredentials credentials;
    private final Clock clock;

    AccountLifecycle(
            AccountRepository accounts,
            TenantScope tenants,
            SecretBox secrets,
            AccountEvents events,
            AccountCredentials credentials,
            Clock clock) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.secrets = secrets;
        this.events = events;
        this.credentials = credentials;
        this.clock = clock;
    }

    Mono<Account> update(String tenantId, String appId, UpdateAccountRequest request) {
        Map<String, String> violations = request.violations();
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.validation(violations));
        }
        return existing(tenantId, appId)
                .flatMap(current -> change(tenantId, appId, LIVE, changes(current, request), AccountEvent.UPDATED))
                .switchIfEmpty(Mono.error(() -> notFound(appId)));
    }

    /** Stops every credential refresh; suspending a suspended account changes nothing. */
    Mono<Account> suspend(String tenantId, String appId) {
        return existing(tenantId, appId)
                .flatMap(current -> current.status() == AccountStatus.SUSPENDED
                        ? Mono.just(current)
                        : change(
                                tenantId,
                                appId,
                                EnumSet.complementOf(EnumSet.of(AccountStatus.SUSPENDED, AccountStatus.DELETED)),
                                Updates.set("status", AccountStatus.SUSPENDED.name()),
                                AccountEvent.SUSPENDED));
    }

    /** Back to ACTIVE from SUSPENDED or an attention state (once a person fixed it); credentials refresh at once. */
    Mono<Account> resume(String tenantId, String appId) {
        return existing(tenantId, appId)
                .flatMap(current -> current.status() == AccountStatus.ACTIVE
                        ? Mono.just(current)
                        : change(
                                        tenantId,
                                        appId,
                                        RESUMABLE,
                                        Updates.set("status", AccountStatus.ACTIVE.name()),
                                        AccountEvent.RESUMED)
                                .flatMap(resumed -> credentials.resume(appId).thenReturn(resumed)));
    }

    /** Wipes the secrets and credentials; a tombstone stays only until the DELETED notice is acknowledged. */
    Mono<Void> delete(String tenantId, String appId) {
        return existing(tenantId, appId)
                .flatMap(current -> change(
                        tenantId,
                        appId,
                        LIVE,
                        Updates.combine(
                                Updates.set("status", AccountStatus.DELETED.name()),
                                Updates.set("secrets", new Document())),
                        AccountEvent.DELETED,
                        // Wiped before the notice is sent and cleared: if the wipe fails, the notice stays pending and
                        // PendingEventRelay wipes them before sending it, so no token outlives a deletion.
                        deleted -> credentials.wipe(appId)))
                .flatMap(deleted -> deleted.pendingEvent() == null ? accounts.removeTombstone(appId) : Mono.empty());
    }

    private Mono<Account> existing(String tenantId, String appId) {
        return tenants.require(tenantId)
                .then(accounts.findOfTenant(tenantId, appId))
                .switchIfEmpty(Mono.error(() -> notFound(appId)));
    }

    private Mono<Account> change(
            String tenantId, String appId, Set<AccountStatus> from, Bson changes, String eventType) {
        return change(tenantId, appId, from, changes, eventType, changed -> Mono.empty());
    }

    /** One conditional write of the change and its notice; {@code beforeNotice} runs before the notice is sent. */
    private Mono<Account> change(
            String tenantId,
            String appId,
            Set<AccountStatus> from,
            Bson changes,
            String eventType,
            Function<Account, Mono<Void>> beforeNotice) {
        Account.PendingEvent notice =
                new Account.PendingEvent(eventType, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return accounts.change(tenantId, appId, from, changes, notice)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "ACCOUNT_STATE",
                        "account " + appId + " changed meanwhile or cannot go from its state; read it and retry")))
                .doOnNext(changed -> credentials.changed(appId))
                .flatMap(changed -> beforeNotice.apply(changed).then(publish(changed, notice)));
    }

    private Mono<Account> publish(Account account, Account.PendingEvent notice) {
        return events.publish(account, notice)
                .then(accounts.clearPendingEvent(account.appId(), notice.at()))
                .thenReturn(withoutPendingEvent(account))
                .onErrorResume(error -> {
                    log.warn(
                            "Kafka did not acknowledge the {} notice of {} yet; it will be sent again: {}",
                            notice.type(),
                            account.appId(),
                            error.toString());
                    return Mono.just(account);
                });
    }

    private Bson changes(Account current, UpdateAccountRequest request) {
        String appId = current.appId();
        List<Bson> sets = new ArrayList<>();
        if (request.name() != null) {
            sets.add(Updates.set("name", request.name().strip()));
        }
        if (request.type() != null) {
            sets.add(Updates.set(
                    "type", RegisterAccountRequest.accountType(request.type()).name()));
        }
        if (request.verified() != null) {
            sets.add(Updates.set("verified", request.verified()));
        }
        if (request.appSecret() != null) {
            sets.add(Updates.set(
                    "secrets.appSecret",
                    secrets.seal(request.appSecret(), AccountSecrets.context(appId, "appSecret"))
                            .toDocument()));
        }
        if (request.callbackToken() != null) {
            sets.add(Updates.set(
                    "secrets.callbackToken",
                    secrets.seal(request.callbackToken(), AccountSecrets.context(appId, "callbackToken"))
                            .toDocument()));
        }
        if (request.encodingAesKey() != null) {
            // The old key keeps decrypting callbacks WeChat sent before it switched (aesKeys[1]).
            if (current.secrets().encodingAesKey() != null) {
                String previous = secrets.open(
                        current.secrets().encodingAesKey(), AccountSecrets.context(appId, "encodingAesKey"));
                sets.add(Updates.set(
                        "secrets.previousEncodingAesKey",
                        secrets.seal(previous, AccountSecrets.context(appId, "previousEncodingAesKey"))
                                .toDocument()));
            }
            sets.add(Updates.set(
                    "secrets.encodingAesKey",
                    secrets.seal(request.encodingAesKey(), AccountSecrets.context(appId, "encodingAesKey"))
                            .toDocument()));
        }
        return Updates.combine(sets);
    }

    private static Account withoutPendingEvent(Account a) {
        return new Account(
                a.appId(),
                a.tenantId(),
                a.name(),
                a.type(),
                a.verified(),
                a.mode(),
                a.status(),
                a.secrets(),
                a.createdAt(),
                a.updatedAt(),
                null,
                a.component());
    }

    private static ApiException notFound(String appId) {
        return ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + appId);
    }
}
