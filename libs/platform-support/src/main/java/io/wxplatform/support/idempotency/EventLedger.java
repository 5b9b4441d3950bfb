package io.wxplatform.support.idempotency;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs a consumer's effect at most once per event, across redeliveries, retries and consumer instances.
 *
 * <p>One document per consumer and event in {@value #COLLECTION}, {@code _id = <consumer>|<eventId>}. A consumer first
 * claims the event (insert, or take over a claim whose lease ran out), runs the effect, then marks it {@code DONE}. All
 * steps are single-document atomic operations; the claim token makes sure only the holder can finish or release it.
 */
public class EventLedger {

    public static final String COLLECTION = "processed_events";

    static final String STATE = "state";
    static final String CLAIMED = "CLAIMED";
    static final String DONE = "DONE";
    static final String CLAIM_TOKEN = "claimToken";
    static final String CLAIMED_UNTIL = "claimedUntil";
    static final String EXPIRES_AT = "expiresAt";

    private static final Logger log = LoggerFactory.getLogger(EventLedger.class);

    private final MongoCollection<Document> entries;
    private final Duration lease;
    private final Duration retention;
    private final Clock clock;

    public EventLedger(MongoDatabase database, Duration lease, Duration retention, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.lease = lease;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Runs {@code effect} unless this consumer already processed {@code eventId}.
     *
     * @return {@link Outcome#PROCESSED} after the effect ran, {@link Outcome#DUPLICATE} if it had run before; an
     *     {@link EventInProgressException} while another instance holds the claim, or the effect's own error (the
     *     claim is then released so that a retry runs it)
     */
    public Mono<Outcome> once(String consumer, String eventId, Supplier<? extends Mono<?>> effect) {
        String id = consumer + "|" + eventId;
        String token = UUID.randomUUID().toString();
        return claim(id, consumer, eventId, token)
                .flatMap(
                        claimed -> claimed ? runAndMarkDone(id, token, effect) : alreadyClaimed(id, consumer, eventId));
    }

    /** True when this call now holds the claim. */
    private Mono<Boolean> claim(String id, String consumer, String eventId, String token) {
        Instant now = clock.instant();
        Document entry = new Document("_id", id)
                .append("consumer", consumer)
                .append("eventId", eventId)
                .append(STATE, CLAIMED)
                .append(CLAIM_TOKEN, token)
                .append("claimedAt", Date.from(now))
                .append(CLAIMED_UNTIL, Date.from(now.plus(lease)))
                .append(EXPIRES_AT, Date.from(now.plus(retention)));
        return Mono.from(entries.insertOne(entry))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, duplicate -> takeOverExpired(id, token, now));
    }

    /** A claim whose lease ran out belongs to a consumer that died mid-effect: take it over. */
    private Mono<Boolean> takeOverExpired(String id, String token, Instant now) {
        Bson expiredClaim = Filters.and(
                Filters.eq("_id", id), Filters.eq(STATE, CLAIMED), Filters.lt(CLAIMED_UNTIL, Date.from(now)));
        Bson takeOver = Updates.combine(
                Updates.set(CLAIM_TOKEN, token),
                Updates.set("claimedAt", Date.from(now)),
                Updates.set(CLAIMED_UNTIL, Date.from(now.plus(lease))),
                Updates.set(EXPIRES_AT, Date.from(now.plus(retention))));
        return Mono.from(entries.findOneAndUpdate(
                        expiredClaim, takeOver, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .doOnNext(taken -> log.info("Took over expired claim {}", id))
                .map(taken -> true)
                .defaultIfEmpty(false);
    }

    private Mono<Outcome> alreadyClaimed(String id, String consumer, String eventId) {
        return Mono.from(entries.find(Filters.eq("_id", id)).first())
                .flatMap(entry -> DONE.equals(entry.getString(STATE))
                        ? Mono.just(Outcome.DUPLICATE)
                        : Mono.<Outcome>error(new EventInProgressException(consumer, eventId)))
                // Released between our insert and our read: its holder failed; the caller's retry claims it anew.
                .switchIfEmpty(Mono.error(() -> new EventInProgressException(consumer, eventId)));
    }

    private Mono<Outcome> runAndMarkDone(String id, String token, Supplier<? extends Mono<?>> effect) {
        return Mono.defer(effect)
                .onErrorResume(error -> release(id, token).then(Mono.error(error)))
                // Once the effect happened the claim is never released, even if marking it fails: at worst the
                // event is retried after the lease, never run twice within it.
                .then(Mono.defer(() -> markDone(id, token)))
                .thenReturn(Outcome.PROCESSED);
    }

    private Mono<Void> markDone(String id, String token) {
        Instant now = clock.instant();
        Bson update = Updates.combine(
                Updates.set(STATE, DONE),
                Updates.set("doneAt", Date.from(now)),
                Updates.set(EXPIRES_AT, Date.from(now.plus(retention))),
                Updates.unset(CLAIM_TOKEN),
                Updates.unset(CLAIMED_UNTIL));
        return ById.update(entries, id, Filters.eq(CLAIM_TOKEN, token), update)
                .doOnNext(matched -> {
                    if (!matched) {
                        // The effect outlived the lease and another instance took the claim over.
                        log.warn("Claim {} was taken over before its effect finished; raise the lease", id);
                    }
                })
                .then();
    }

    /** Deletes the claim only if it is still ours, so a retry can run the effect. */
    private Mono<Void> release(String id, String token) {
        return Mono.from(entries.deleteOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq(CLAIM_TOKEN, token), Filters.eq(STATE, CLAIMED))))
                .onErrorResume(e -> {
                    log.warn("Could not release claim {}; it expires with its lease", id, e);
                    return Mono.empty();
                })
                .then();
    }
}
