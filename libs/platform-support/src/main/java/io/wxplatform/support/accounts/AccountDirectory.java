package io.wxplatform.support.accounts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.mongo.MongoErrors;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * The service's {@code accounts} collection, {@code {_id: appId, tenantId, status, updatedAt,
 * accountType, verified, mode, permissions?}}, written only from
 * token-service's notices on wx.account.v1 (by {@link AccountEventsConsumer}): which tenant owns an account is
 * token-service's word, never a first come here, and no request of the service can write it.
 */
public class AccountDirectory {

    public static final String COLLECTION = "accounts";
    static final String DELETED = "DELETED";
    static final String DIRECT = "DIRECT";

    private final MongoCollection<Document> collection;

    public AccountDirectory(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /**
     * Emits {@code tenantId} when that tenant owns the live account, empty otherwise (unknown, deleted, another
     * tenant's). Documents without {@code updatedAt} are claims of the old first-rule scheme and prove nothing.
     */
    public Mono<String> ownedBy(String tenantId, String appId) {
        return Mono.from(collection
                        .find(and(
                                eq("_id", appId), eq("tenantId", tenantId), ne("status", DELETED), exists("updatedAt")))
                        .first())
                .map(doc -> tenantId);
    }

    /**
     * The facts token-service announced about the tenant's live account (its WeChat type and verification, and for a
     * component account the permission sets granted), empty when the tenant does not own it. Each is null while no
     * notice has said it.
     */
    public Mono<AccountFacts> facts(String tenantId, String appId) {
        return Mono.from(collection
                        .find(and(
                                eq("_id", appId), eq("tenantId", tenantId), ne("status", DELETED), exists("updatedAt")))
                        .first())
                .map(doc -> new AccountFacts(
                        tenantId,
                        appId,
                        doc.getString("accountType"),
                        doc.get("verified") instanceof Boolean verified ? verified : null,
                        permissions(doc)));
    }

    private static List<Integer> permissions(Document doc) {
        return doc.get("permissions") instanceof List<?> ids
                ? ids.stream().map(id -> ((Number) id).intValue()).toList()
                : null;
    }

    /**
     * One single-document conditional upsert: applied unless the stored state is newer than the notice, so an older
     * notice relayed late (a retry, a replay) never brings a deleted account back or hands it to its former tenant.
     * Idempotent: applying the same notice again, or the account's notices again in order, ends in the same state.
     */
    Mono<Void> apply(AccountEvent event) {
        String status = AccountEvent.DELETED.equals(event.type())
                ? DELETED
                : event.status() == null ? event.type() : event.status();
        Date at = Date.from(event.at());
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("tenantId", event.tenantId()),
                Updates.set("status", status),
                Updates.set("updatedAt", at)));
        // A notice from before the fields existed leaves what a newer one said.
        if (event.accountType() != null) {
            sets.add(Updates.set("accountType", event.accountType()));
        }
        if (event.verified() != null) {
            sets.add(Updates.set("verified", event.verified()));
        }
        if (event.mode() != null) {
            sets.add(Updates.set("mode", event.mode()));
        }
        // A component account's granted permission sets; a direct account has none to check.
        if (event.permissions() != null) {
            sets.add(Updates.set("permissions", event.permissions()));
        } else if (DIRECT.equals(event.mode())) {
            sets.add(Updates.unset("permissions"));
        }
        return Mono.from(collection.updateOne(
                        and(eq("_id", event.appId()), or(exists("updatedAt", false), lte("updatedAt", at))),
                        Updates.combine(sets),
                        new UpdateOptions().upsert(true)))
                // The document exists with a newer updatedAt, so the upsert's insert met its _id: a stale notice.
                .onErrorResume(MongoErrors::isDuplicateKey, stale -> Mono.empty())
                .then();
    }
}
