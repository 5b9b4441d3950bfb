package io.wxplatform.token.account;

import com.mongodb.client.model.Updates;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.credential.AccountCredentials;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Component-mode accounts as authorizations make, change and end them. Like every account change, each is one
 * conditional write carrying its notice, published afterwards (and resent by {@link PendingEventRelay}).
 */
@Service
public class AuthorizedAccounts {

    private static final Logger log = LoggerFactory.getLogger(AuthorizedAccounts.class);
    private static final Set<AccountStatus> LIVE = EnumSet.complementOf(EnumSet.of(AccountStatus.DELETED));
    private static final Set<AccountStatus> REVOCABLE =
            EnumSet.complementOf(EnumSet.of(AccountStatus.DELETED, AccountStatus.UNAUTHORIZED));

    private final AccountRepository accounts;
    private final AccountEvents events;
    private final AccountCredentials credentials;
    private final Clock clock;

    AuthorizedAccounts(AccountRepository accounts, AccountEvents events, AccountCredentials credentials, Clock clock) {
        this.accounts = accounts;
        this.events = events;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** What WeChat says about the authorizer (api_get_authorizer_info). */
    public record Authorizer(
            String appId,
            String name,
            AccountType type,
            boolean verified,
            String componentAppId,
            List<Integer> permissions) {}

    /**
     * Creates the account in {@code tenantId}, or brings the tenant's existing one back to ACTIVE under this
     * authorization. Fails with 409 {@code ACCOUNT_OWNED_ELSEWHERE} when another tenant has the appId.
     */
    public Mono<Account> authorize(String tenantId, Authorizer authorizer) {
        return accounts.find(authorizer.appId())
                .flatMap(existing -> reauthorize(tenantId, existing, authorizer))
                .switchIfEmpty(Mono.defer(() -> create(tenantId, authorizer)));
    }

    /** {@code updateauthorized}: the owner changed the permissions granted. Empty for an unknown account. */
    public Mono<Account> updatePermissions(Authorizer authorizer) {
        return change(
                authorizer.appId(),
                authorizer.componentAppId(),
                LIVE,
                Updates.combine(
                        Updates.set("name", authorizer.name()),
                        Updates.set("type", authorizer.type().name()),
                        Updates.set("verified", authorizer.verified()),
                        Updates.set("component", AccountDocuments.component(link(authorizer)))),
                AccountEvent.UPDATED);
    }

    /**
     * {@code unauthorized}: the owner revoked the platform. The account stops (UNAUTHORIZED, which callback-service
     * refuses) and its tokens are wiped. The revocation is one conditional write of the account document: the status
     * with its STATUS_CHANGED notice. The notice stays pending until the tokens are gone, so if the wipe fails
     * (MongoDB down right after that write) {@link PendingEventRelay} wipes them before it sends the notice: an
     * UNAUTHORIZED notice always means the tokens are gone. Empty for an unknown or already revoked account.
     */
    public Mono<Account> revoke(String appId, String componentAppId) {
        Account.PendingEvent notice = new Account.PendingEvent(AccountEvent.STATUS_CHANGED, now());
        return accounts.changeAuthorized(
                        appId,
                        componentAppId,
                        REVOCABLE,
                        Updates.set("status", AccountStatus.UNAUTHORIZED.name()),
                        notice)
                .flatMap(revoked -> credentials
                        .wipe(appId)
                        .then(Mono.defer(() -> publish(revoked, notice)))
                        .onErrorResume(error -> {
                            log.warn(
                                    "Tokens of revoked account {} not wiped yet; the relay wipes them before it "
                                            + "sends the notice: {}",
                                    appId,
                                    error.toString());
                            return Mono.just(revoked);
                        }));
    }

    private Mono<Account> create(String tenantId, Authorizer authorizer) {
        Instant now = now();
        Account account = new Account(
                authorizer.appId(),
                tenantId,
                authorizer.name(),
                authorizer.type(),
                authorizer.verified(),
                AccountMode.COMPONENT,
                AccountStatus.ACTIVE,
                new AccountSecrets(null, null, null, null),
                now,
                now,
                new Account.PendingEvent(AccountEvent.REGISTERED, now),
                link(authorizer));
        return accounts.insert(account)
                .flatMap(inserted ->
                        inserted ? publish(account, account.pendingEvent()) : Mono.error(conflict(authorizer.appId())));
    }

    private Mono<Account> reauthorize(String tenantId, Account existing, Authorizer authorizer) {
        if (!existing.tenantId().equals(tenantId) || existing.status() == AccountStatus.DELETED) {
            return Mono.error(ownedElsewhere(authorizer.appId()));
        }
        Account.PendingEvent notice = new Account.PendingEvent(
                existing.status() == AccountStatus.ACTIVE ? AccountEvent.UPDATED : AccountEvent.RESUMED, now());
        return accounts.change(
                        tenantId,
                        authorizer.appId(),
                        LIVE,
                        Updates.combine(
                                Updates.set("mode", AccountMode.COMPONENT.name()),
                                Updates.set("status", AccountStatus.ACTIVE.name()),
                                Updates.set("name", authorizer.name()),
                                Updates.set("type", authorizer.type().name()),
                                Updates.set("verified", authorizer.verified()),
                                Updates.set("component", AccountDocuments.component(link(authorizer)))),
                        notice)
                .switchIfEmpty(Mono.error(() -> conflict(authorizer.appId())))
                .flatMap(changed -> publish(changed, notice));
    }

    private Mono<Account> change(
            String appId, String componentAppId, Set<AccountStatus> from, Bson changes, String eventType) {
        Account.PendingEvent notice = new Account.PendingEvent(eventType, now());
        return accounts.changeAuthorized(appId, componentAppId, from, changes, notice)
                .flatMap(changed -> publish(changed, notice));
    }

    private Mono<Account> publish(Account account, Account.PendingEvent notice) {
        return events.publish(account, notice)
                .then(accounts.clearPendingEvent(account.appId(), notice.at()))
                .thenReturn(account)
                .onErrorResume(error -> {
                    log.warn(
                            "Kafka did not acknowledge the {} notice of {} yet; it will be sent again: {}",
                            notice.type(),
                            account.appId(),
                            error.toString());
                    return Mono.just(account);
                });
    }

    private static Account.ComponentLink link(Authorizer authorizer) {
        return new Account.ComponentLink(authorizer.componentAppId(), authorizer.permissions());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ApiException ownedElsewhere(String appId) {
        return ApiException.conflict(
                "ACCOUNT_OWNED_ELSEWHERE", "account " + appId + " belongs to another tenant (or is being deleted)");
    }

    private static ApiException conflict(String appId) {
        return ApiException.conflict("ACCOUNT_STATE", "account " + appId + " changed meanwhile; retry");
    }
}
