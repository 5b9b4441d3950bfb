package io.wxplatform.messaging.send;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;
import static com.mongodb.client.model.Indexes.descending;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code outbound_messages} collection: one document per send of any {@link SendKind}, {@code {_id, tenantId,
 * appId, openId, msgType, content, request, requestHash, idempotencyKey?, status, errcode?, category?, detail?,
 * attempts, leaseId?, leaseUntil, createdAt, finishedAt?, wechatMsgId?, reportedAt?}}. A send is stored ACCEPTED
 * before it is attempted; whoever attempts it first claims it ({@link #claim}: status ACCEPTED and lease expired, in
 * one conditional update on its {@code _id}), or stored it claimed already (a send that may go at once,
 * {@link Dispatcher#leaseNow}); only the holder of the claim may finish it.
 */
@Repository
public class OutboundMessages {

    public static final String COLLECTION = "outbound_messages";
    /** An unclaimed send's lease "expired" at the epoch, so {@link #due} and {@link #claim} need no $or. */
    public static final Date UNCLAIMED = new Date(0);

    private final MongoCollection<Document> collection;

    OutboundMessages(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Created by platform-support at start-up, before the consumer starts. */
    @Bean
    static Indexes outboundMessageIndexes() {
        return Indexes.on(
                COLLECTION,
                new IndexModel(compoundIndex(ascending("appId"), descending("createdAt"))),
                new IndexModel(compoundIndex(ascending("appId", "openId"), descending("createdAt"))),
                new IndexModel(compoundIndex(ascending("status", "leaseUntil"))),
                new IndexModel(compoundIndex(ascending("appId", "wechatMsgId"))));
    }

    /** Emits true when stored, false when a send with this id exists already (an idempotent repeat). */
    public Mono<Boolean> insert(Document send) {
        return Mono.from(collection.insertOne(send))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, duplicate -> Mono.just(false));
    }

    public Mono<Document> byId(String id) {
        return Mono.from(collection.find(eq("_id", id)).first());
    }

    /** The send only if it is the tenant's and of this account. */
    Mono<Document> of(String tenantId, String appId, String id) {
        return byId(id).filter(
                        doc -> tenantId.equals(doc.getString("tenantId")) && appId.equals(doc.getString("appId")));
    }

    /**
     * WeChat's later report on a SENT send with its message id ({@code wechatMsgId}): moves it to {@code status}
     * once; emits the send as it was before, empty if no SENT send of the account has that id (not yet recorded,
     * reported already, or not ours).
     */
    /** Whether a SENT send matches {@code match} (a report that found none may check again after giving way). */
    public Mono<Boolean> anySent(Bson match) {
        return Mono.from(collection
                        .find(and(match, eq("status", OutboundStatus.SENT.name())))
                        .first())
                .hasElement();
    }

    /**
     * As {@link #reported}, for a report that names no message id but the send's own fields ({@code match}, e.g.
     * follower and template): the oldest SENT send matching it.
     */
    public Mono<Document> reportedOldest(Bson match, OutboundStatus status, List<Bson> outcome, Instant at) {
        List<Bson> updates = new ArrayList<>(outcome);
        updates.add(Updates.set("status", status.name()));
        updates.add(Updates.set("reportedAt", Date.from(at)));
        return Mono.from(collection.findOneAndUpdate(
                and(match, eq("status", OutboundStatus.SENT.name())),
                Updates.combine(updates),
                new FindOneAndUpdateOptions().sort(ascending("createdAt")).returnDocument(ReturnDocument.AFTER)));
    }

    public Mono<Document> reported(
            String appId, String wechatMsgId, OutboundStatus status, List<Bson> outcome, Instant at) {
        return reported(
                and(eq("appId", appId), eq("wechatMsgId", wechatMsgId), eq("status", OutboundStatus.SENT.name())),
                status,
                outcome,
                at);
    }

    /** As above for the sends of one msgType only (WeChat's template and mass msg ids are separate series). */
    public Mono<Document> reported(
            String appId, String wechatMsgId, String msgType, OutboundStatus status, List<Bson> outcome, Instant at) {
        return reported(
                and(
                        eq("appId", appId),
                        eq("wechatMsgId", wechatMsgId),
                        eq("msgType", msgType),
                        eq("status", OutboundStatus.SENT.name())),
                status,
                outcome,
                at);
    }

    private Mono<Document> reported(Bson sent, OutboundStatus status, List<Bson> outcome, Instant at) {
        List<Bson> updates = new ArrayList<>(outcome);
        updates.add(Updates.set("status", status.name()));
        updates.add(Updates.set("reportedAt", Date.from(at)));
        return Mono.from(collection.findOneAndUpdate(sent, Updates.combine(updates)));
    }

    /** Takes the send for one attempt until {@code until}; empty if it is done or someone else holds it. */
    Mono<Document> claim(String id, String leaseId, Instant now, Instant until) {
        return Mono.from(collection.findOneAndUpdate(
                and(eq("_id", id), eq("status", OutboundStatus.ACCEPTED.name()), lt("leaseUntil", Date.from(now))),
                Updates.combine(
                        Updates.set("leaseId", leaseId),
                        Updates.set("leaseUntil", Date.from(until)),
                        Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    }

    /** Records the outcome; only the holder of the claim can, and only once. */
    Mono<Boolean> finish(String id, String leaseId, OutboundStatus status, List<Bson> outcome, Instant at) {
        List<Bson> updates = new ArrayList<>(outcome);
        updates.add(Updates.set("status", status.name()));
        updates.add(Updates.set("finishedAt", Date.from(at)));
        updates.add(Updates.unset("leaseId"));
        return Mono.from(collection.updateOne(held(id, leaseId), Updates.combine(updates)))
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Gives the claim back, to be tried again from {@code retryAt} (token-service or MongoDB failed meanwhile). */
    Mono<Void> release(String id, String leaseId, Instant retryAt) {
        return Mono.from(collection.updateOne(
                        held(id, leaseId),
                        Updates.combine(Updates.set("leaseUntil", Date.from(retryAt)), Updates.unset("leaseId"))))
                .then();
    }

    /** ACCEPTED sends nobody holds: new ones, those of a crashed instance, released ones whose time came. */
    Flux<Document> due(Instant now, int limit) {
        return Flux.from(collection
                .find(and(eq("status", OutboundStatus.ACCEPTED.name()), lt("leaseUntil", Date.from(now))))
                .sort(ascending("leaseUntil"))
                .limit(limit));
    }

    /** Sends matching {@code filter}, projected and sorted: a kind's own queries (a mass job's batches). */
    public Flux<Document> where(Bson filter, Bson projection, Bson sort) {
        return Flux.from(collection.find(filter).projection(projection).sort(sort));
    }

    Flux<OutboundMessage> find(String tenantId, String appId, String openId, int skip, int limit) {
        return Flux.from(collection
                        .find(filter(tenantId, appId, openId))
                        .sort(descending("createdAt"))
                        .skip(skip)
                        .limit(limit))
                .map(OutboundMessage::fromDocument);
    }

    Mono<Long> count(String tenantId, String appId, String openId) {
        return Mono.from(collection.countDocuments(filter(tenantId, appId, openId)));
    }

    private static Bson held(String id, String leaseId) {
        return and(eq("_id", id), eq("leaseId", leaseId), eq("status", OutboundStatus.ACCEPTED.name()));
    }

    private static Bson filter(String tenantId, String appId, String openId) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("appId", appId), eq("tenantId", tenantId)));
        if (openId != null && !openId.isBlank()) {
            conditions.add(eq("openId", openId));
        }
        return and(conditions);
    }
}
