package io.wxplatform.token.account;

import java.time.Instant;
import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.token.MongoErrors;
import org.bson.Document;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Collection {@code accounts}, {@code _id} = appId, so an appId is unique platform-wide by the primary index. */
@Repository
public class AccountRepository {

    static final String COLLECTION = "accounts";

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
        return Mono.from(accounts.find(Filters.and(Filters.eq("_id", appId), Filters.eq("tenantId", tenantId)))
                .first()).map(AccountDocuments::fromDocument);
    }

    Flux<Account> pageOfTenant(String tenantId, int page, int size) {
        return Flux.from(accounts.find(Filters.eq("tenantId", tenantId))
                        .sort(Sorts.ascending("createdAt", "_id"))
                        .skip(page * size)
                        .limit(size))
                .map(AccountDocuments::fromDocument);
    }

    Mono<Long> countOfTenant(String tenantId) {
        return Mono.from(accounts.countDocuments(Filters.eq("tenantId", tenantId)));
    }

    /** Clears the pending notice, unless a newer one replaced it meanwhile. */
    Mono<Void> clearPendingEvent(String appId, Instant at) {
        return Mono.from(accounts.updateOne(
                Filters.and(Filters.eq("_id", appId), Filters.eq("pendingEvent.at", Date.from(at))),
                Updates.unset("pendingEvent"))).then();
    }

    Flux<Account> withPendingEventsBefore(Instant before, int limit) {
        return Flux.from(accounts.find(Filters.lt("pendingEvent.at", Date.from(before)))
                        .sort(Sorts.ascending("pendingEvent.at"))
                        .limit(limit))
                .map(AccountDocuments::fromDocument);
    }
}
