package io.wxplatform.callback.deadletter;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collection {@code dead_letter_republications}, {@code _id} = {@code <dlq topic>/<partition>/<offset>}: which dead
 * letters were re-published, so a repeated request sends nothing. A request first claims the dead letter (insert,
 * or take over a claim whose lease ran out: its holder died), sends, then records where the copy landed; every
 * step is one single-document write by {@code _id}.
 */
class Republications {

    static final String COLLECTION = "dead_letter_republications";
    private static final String PUBLISHING = "PUBLISHING";
    private static final String DONE = "DONE";

    /** The outcome of a claim: this request may send, or another one did, or another one is sending now. */
    sealed interface Claim {
        record Claimed() implements Claim {}

        record Done(Republication republication) implements Claim {}

        record Busy() implements Claim {}
    }

    private final MongoCollection<Document> republications;

    Republications(MongoDatabase database) {
        this.republications = database.getCollection(COLLECTION);
    }

    static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** The dead letters among {@code ids} that were re-published, by id. */
    Mono<Map<String, Republication>> done(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(republications.find(Filters.and(Filters.in("_id", ids), Filters.eq("state", DONE))))
                .collect(Collectors.toMap(document -> document.getString("_id"), Republications::republication));
    }

    Mono<Claim> claim(String id, String owner, Instant now, Duration lease) {
        Document claim = new Document("_id", id)
                .append("state", PUBLISHING)
                .append("owner", owner)
                .append("claimedUntil", Date.from(now.plus(lease)));
        return Mono.from(republications.insertOne(claim))
                .<Claim>thenReturn(new Claim.Claimed())
                .onErrorResume(MongoErrors::isDuplicateKey, taken -> takeOver(id, owner, now, lease));
    }

    /** Records where the copy landed; only the claim's holder can. */
    Mono<Republication> complete(String id, String owner, Republication republication) {
        return ById.update(
                        republications,
                        id,
                        Filters.eq("owner", owner),
                        Updates.combine(
                                Updates.set("state", DONE),
                                Updates.unset("claimedUntil"),
                                Updates.set("topic", republication.topic()),
                                Updates.set("partition", republication.partition()),
                                Updates.set("offset", republication.offset()),
                                Updates.set("republishedAt", Date.from(republication.republishedAt()))))
                .thenReturn(republication);
    }

    /** Gives up a claim whose send failed, so the operator can try again at once. */
    Mono<Void> release(String id, String owner) {
        return Mono.from(republications.deleteOne(Filters.and(
                        Filters.eq("_id", id), Filters.eq("owner", owner), Filters.eq("state", PUBLISHING))))
                .then();
    }

    private Mono<Claim> takeOver(String id, String owner, Instant now, Duration lease) {
        return ById.update(
                        republications,
                        id,
                        Filters.and(Filters.eq("state", PUBLISHING), Filters.lt("claimedUntil", Date.from(now))),
                        Updates.combine(
                                Updates.set("owner", owner), Updates.set("claimedUntil", Date.from(now.plus(lease)))))
                .filter(Boolean::booleanValue)
                .<Claim>map(taken -> new Claim.Claimed())
                .switchIfEmpty(Mono.defer(() -> Mono.from(
                                republications.find(Filters.eq("_id", id)).first())
                        .map(existing -> DONE.equals(existing.getString("state"))
                                ? new Claim.Done(republication(existing))
                                : new Claim.Busy())
                        // Released between the insert and this read: another request is about to retry.
                        .defaultIfEmpty(new Claim.Busy())));
    }

    private static Republication republication(Document document) {
        return new Republication(
                document.getString("topic"),
                document.getInteger("partition"),
                ((Number) document.get("offset")).longValue(),
                document.getDate("republishedAt").toInstant(),
                false);
    }
}
