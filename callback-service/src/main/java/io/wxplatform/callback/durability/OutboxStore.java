package io.wxplatform.callback.durability;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code outbox} collection. Every change is one single-document atomic operation: an insert keyed by event id,
 * a claim that takes a lease with {@code findOneAndUpdate}, and deletes and releases that only the lease holder can
 * make.
 */
public class OutboxStore {

    public static final String COLLECTION = "outbox";

    private static final Date NOT_LEASED = new Date(0);

    private final MongoCollection<Document> outbox;

    public OutboxStore(MongoDatabase database) {
        this.outbox = database.getCollection(COLLECTION);
    }

    /** Secondary indexes, created in the background: only the unique {@code _id} matters for correctness. */
    Mono<Void> ensureIndexes() {
        return Flux.from(outbox.createIndexes(List.of(
                        new IndexModel(new Document("key", 1).append("createdAt", 1)),
                        new IndexModel(new Document("leaseUntil", 1).append("createdAt", 1)))))
                .then();
    }

    /** Completes once MongoDB acknowledged the insert; an event already waiting (a WeChat retry) counts as stored. */
    public Mono<Void> insert(OutboxEntry entry) {
        Document document = new Document("_id", entry.eventId())
                .append("topic", entry.topic())
                .append("key", entry.key())
                .append("headers", new Document(new LinkedHashMap<>(entry.headers())))
                .append("body", new Binary(entry.body()))
                .append("createdAt", Date.from(entry.createdAt()))
                .append("attempts", 0)
                .append("leaseUntil", NOT_LEASED);
        return Mono.from(outbox.insertOne(document))
                .then()
                .onErrorResume(MongoErrors::isDuplicateKey, duplicate -> Mono.empty());
    }

    /** Whether events with this record key are waiting, so a newer one must queue behind them. */
    public Mono<Boolean> hasPending(String key) {
        return Mono.from(outbox.find(eq("key", key))
                        .projection(new Document("_id", 1))
                        .first())
                .hasElement();
    }

    /** Leases the oldest event nobody holds, or completes empty. */
    Mono<OutboxEntry> claimNext(String owner, Instant now, Duration lease) {
        return Mono.from(outbox.findOneAndUpdate(
                        lte("leaseUntil", Date.from(now)),
                        combine(
                                set("leaseUntil", Date.from(now.plus(lease))),
                                set("leaseOwner", owner),
                                inc("attempts", 1)),
                        new FindOneAndUpdateOptions()
                                .sort(ascending("createdAt", "_id"))
                                .returnDocument(ReturnDocument.AFTER)))
                .map(OutboxStore::entry);
    }

    /** True when no older event of the same key is waiting: only then may this one be published. */
    Mono<Boolean> isOldestOfItsKey(OutboxEntry entry) {
        Date createdAt = Date.from(entry.createdAt());
        return Mono.from(outbox.find(and(
                                eq("key", entry.key()),
                                or(
                                        lt("createdAt", createdAt),
                                        and(eq("createdAt", createdAt), lt("_id", entry.eventId())))))
                        .projection(new Document("_id", 1))
                        .first())
                .hasElement()
                .map(olderExists -> !olderExists);
    }

    /** Hands the event back, claimable again from {@code until}; only the lease holder can. */
    Mono<Void> release(OutboxEntry entry, String owner, Instant until) {
        return ById.update(outbox, entry.eventId(), eq("leaseOwner", owner), set("leaseUntil", Date.from(until)))
                .then();
    }

    /** Removes a published event; only the lease holder can. */
    Mono<Void> delete(OutboxEntry entry, String owner) {
        return Mono.from(outbox.deleteOne(and(eq("_id", entry.eventId()), eq("leaseOwner", owner))))
                .then();
    }

    /** True when no event is waiting at all. */
    Mono<Boolean> isEmpty() {
        return Mono.from(outbox.find().projection(new Document("_id", 1)).first())
                .hasElement()
                .map(found -> !found);
    }

    public Mono<Long> depth() {
        return Mono.from(outbox.countDocuments());
    }

    Mono<Optional<Instant>> oldestCreatedAt() {
        return Mono.from(outbox.find()
                        .sort(ascending("createdAt"))
                        .projection(new Document("createdAt", 1))
                        .first())
                .map(document -> Optional.of(document.getDate("createdAt").toInstant()))
                .defaultIfEmpty(Optional.empty());
    }

    /** The event waiting longest, without its body; empty when nothing waits. */
    public Mono<OutboxEntry> oldest() {
        return Mono.from(outbox.find()
                        .sort(ascending("createdAt", "_id"))
                        .projection(new Document("body", 0))
                        .first())
                .map(document -> entry(document.append("body", new Binary(new byte[0]))));
    }

    private static OutboxEntry entry(Document document) {
        Map<String, String> headers = new LinkedHashMap<>();
        document.get("headers", Document.class).forEach((name, value) -> headers.put(name, (String) value));
        return new OutboxEntry(
                document.getString("_id"),
                document.getString("topic"),
                document.getString("key"),
                headers,
                document.get("body", Binary.class).getData(),
                document.getDate("createdAt").toInstant(),
                document.getInteger("attempts", 0));
    }
}
