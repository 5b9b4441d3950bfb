package io.wxplatform.messaging.mass;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.MongoErrors;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code mass_quotas} collection: one counter per account and period, {@code {_id: appId|period, appId, used}}.
 * A send takes one with a single upserting update that only matches while {@code used < limit}: at the limit the
 * upsert tries to insert a second document with the same {@code _id} and MongoDB refuses it, so two concurrent
 * requests can never both take the last one.
 */
@Repository
class MassQuotas {

    static final String COLLECTION = "mass_quotas";

    private final MongoCollection<Document> collection;

    MassQuotas(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Emits true when one send of the period was taken, false when none is left. */
    Mono<Boolean> take(String appId, String period, int limit) {
        return Mono.from(collection.findOneAndUpdate(
                        and(eq("_id", appId + "|" + period), lt("used", limit)),
                        Updates.combine(Updates.setOnInsert("appId", appId), Updates.inc("used", 1)),
                        new FindOneAndUpdateOptions().upsert(true)))
                .thenReturn(true)
                .defaultIfEmpty(true)
                .onErrorResume(MongoErrors::isDuplicateKey, full -> Mono.just(false));
    }

    /** Gives a send back (a racing duplicate request took one for a job that already existed). */
    Mono<Void> giveBack(String appId, String period) {
        return Mono.from(collection.updateOne(eq("_id", appId + "|" + period), Updates.inc("used", -1)))
                .then();
    }
}
