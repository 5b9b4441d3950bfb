package io.wxplatform.token.account;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Collection {@code accounts}, {@code _id} = appId, so an appId is unique platform-wide by the primary index. */
@Repository
public class AccountRepository {

    static final String COLLECTION = "accounts";
    private static final Bson NOT_DELETED = Filters.ne("status", AccountStatus.DELETED.name());

    private final MongoCollection<Document> accounts;

    AccountRepository(MongoDatabase database) {
        this.accounts = database.getCollection(COLLECTION);
    }

    /** False when the appId is registered already (by any tenant). */
    Mono<Boolean> insert(Account account) {
        return Mono.from(accounts.insertOne(AccountDocuments.toDocument(account)))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
    }

    public Mono<Account> find(String appId) {
        return Mono.from(accounts.find(Filters.eq("_id", appId)).first()).map(AccountDocuments::fromDocument);
    }

    /** Empty for an account of another tenant: callers cannot tell it from a missing one. */
    Mono<Account> findOfTenant(String tenantId, String appId) {
        return Mono.from(accounts.find(ofTenant(tenantId, appId)).first()).map(AccountDocuments::fromDocument);
    }

    /** The tenant's live (not deleted) account {@code appId}. */
    private static Bson ofTenant(String tenantId, String appId) {
        return Filters.and(Filters.eq("_id", appId), Filters.eq("tenantId", tenantId), NOT_DELETED);
    }

    Flux<Account> pageOfTenant(String tenantId, int page, int size) {
        return Flux.from(accounts.find(Filters.and(Filters.eq("tenantId", tenantId), NOT_DELETED))
                        .sort(Sorts.ascending("createdAt", "_id"))
                        .skip(page * size)
                        .limit(size))
                .map(AccountDocuments::fromDocument);
    }

    Mono<Long> countOfTenant(String tenantId) {
        return Mono.from(accounts.countDocuments(Filters.and(Filters.eq("tenantId", tenantId), NOT_DELETED)));
    }

    /**
     * Live accounts of every tenant whose status is one of {@code statuses} (every live one when empty), oldest
     * first: the operator API's listing. Not a hot path: paging over a scan is fine.
     */
    public Flux<Account> acrossTenants(Collection<AccountStatus> statuses, int skip, int limit) {
        return Flux.from(accounts.find(withStatus(statuses))
                        .sort(Sorts.ascending("createdAt", "_id"))
                        .skip(skip)
                        .limit(limit))
                .map(AccountDocuments::fromDocument);
    }

    /** How many accounts {@link #acrossTenants} pages over. */
    public Mono<Long> countAcrossTenants(Collection<AccountStatus> statuses) {
        return Mono.from(accounts.countDocuments(withStatus(statuses)));
    }

    private static Bson withStatus(Collection<AccountStatus> statuses) {
        return statuses.isEmpty()
                ? NOT_DELETED
                : Filters.and(
                        NOT_DELETED,
                        Filters.in("status", statuses.stream().map(Enum::name).toList()));
    }

    /** Accounts of every tenant in {@code status} (the attention gauge). */
    Mono<Long> countWithStatus(AccountStatus status) {
        return Mono.from(accounts.countDocuments(Filters.eq("status", status.name())));
    }

    /**
     * Moves an account from {@code from} to {@code to} with its notice in the same write; empty when the account
     * is no longer in {@code from} (another replica or an admin changed it first).
     */
    Mono<Account> changeStatus(String appId, AccountStatus from, AccountStatus to, Account.PendingEvent notice) {
        return Mono.from(accounts.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", appId), Filters.eq("status", from.name())),
                        Updates.combine(
                                Updates.set("status", to.name()),
                                Updates.set("updatedAt", Date.from(notice.at())),
                                Updates.set(
                                        "pendingEvent",
                                        new Document("type", notice.type()).append("at", Date.from(notice.at())))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(AccountDocuments::fromDocument);
    }

    /**
     * Applies {@code changes} to the tenant's live account if its status is one of {@code from}, with the notice in
     * the same write; empty when there is no such account in such a state.
     */
    Mono<Account> change(
            String tenantId, String appId, Collection<AccountStatus> from, Bson changes, Account.PendingEvent notice) {
        return Mono.from(accounts.findOneAndUpdate(
                        Filters.and(
                                ofTenant(tenantId, appId),
                                Filters.in(
                                        "status", from.stream().map(Enum::name).toList())),
                        Updates.combine(
                                changes,
                                Updates.set("updatedAt", Date.from(notice.at())),
                                Updates.set(
                                        "pendingEvent",
                                        new Document("type", notice.type()).append("at", Date.from(notice.at())))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(AccountDocuments::fromDocument);
    }

    /**
     * Applies {@code changes} to the component-mode account {@code appId} linked to {@code componentAppId} if its
     * status is one of {@code from}, with the notice in the same write; empty when there is no such account.
     */
    Mono<Account> changeAuthorized(
            String appId,
            String componentAppId,
            Collection<AccountStatus> from,
            Bson changes,
            Account.PendingEvent notice) {
        return Mono.from(accounts.findOneAndUpdate(
                        Filters.and(
                                Filters.eq("_id", appId),
                                Filters.eq("mode", AccountMode.COMPONENT.name()),
                                Filters.eq("component.componentAppId", componentAppId),
                                Filters.in(
                                        "status", from.stream().map(Enum::name).toList())),
                        Updates.combine(
                                changes,
                                Updates.set("updatedAt", Date.from(notice.at())),
                                Updates.set(
                                        "pendingEvent",
                                        new Document("type", notice.type()).append("at", Date.from(notice.at())))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(AccountDocuments::fromDocument);
    }

    /** Removes a deleted account's tombstone once its notice went out. */
    Mono<Void> removeTombstone(String appId) {
        return Mono.from(accounts.deleteOne(Filters.and(
                        Filters.eq("_id", appId),
                        Filters.eq("status", AccountStatus.DELETED.name()),
                        Filters.eq("pendingEvent", null))))
                .then();
    }

    /** Clears the pending notice, unless a newer one replaced it meanwhile. */
    Mono<Void> clearPendingEvent(String appId, Instant at) {
        return ById.update(accounts, appId, Filters.eq("pendingEvent.at", Date.from(at)), Updates.unset("pendingEvent"))
                .then();
    }

    Flux<Account> withPendingEventsBefore(Instant before, int limit) {
        return Flux.from(accounts.find(Filters.lt("pendingEvent.at", Date.from(before)))
                        .sort(Sorts.ascending("pendingEvent.at"))
                        .limit(limit))
                .map(AccountDocuments::fromDocument);
    }
}
