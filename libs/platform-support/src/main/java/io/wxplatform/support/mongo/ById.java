package io.wxplatform.support.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * Conditional updates of one document addressed by its {@code _id}: "change document X only if it is still in the
 * state I saw", the platform's replacement for transactions.
 *
 * <p>They go out as {@code findAndModify} (returning only the {@code _id}) rather than {@code update}. On MongoDB both
 * find the document through the {@code _id} index. mongo-java-server (tests, local runs, benchmarks) uses an index only
 * for a filter that holds nothing but the {@code _id}; with a condition it scans the collection in insertion order, and
 * {@code update} scans all of it (about 40 ms at 100,000 documents) where {@code findAndModify} stops at the document.
 */
public final class ById {

    private static final Bson ID_ONLY = Projections.include("_id");

    private ById() {}

    /** Applies {@code update} if document {@code id} exists and matches {@code condition}; true if it did. */
    public static Mono<Boolean> update(MongoCollection<Document> collection, Object id, Bson condition, Bson update) {
        return Mono.from(collection.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), condition),
                        update,
                        new FindOneAndUpdateOptions().projection(ID_ONLY)))
                .hasElement();
    }
}
