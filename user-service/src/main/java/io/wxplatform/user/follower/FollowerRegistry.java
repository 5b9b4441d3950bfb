package io.wxplatform.user.follower;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.wechat.api.UserInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code followers} collection, one document per (appId, openId). Every change is a single-document update, so
 * concurrent consumers need no transaction. Subscription state changes only when the event is not older than the last
 * one applied ({@code lastEventTime}): events reordered across partitions or replayed cannot flip it back.
 */
@Repository
public class FollowerRegistry {

    static final String COLLECTION = "followers";

    private final MongoCollection<Document> followers;
    private final Clock clock;

    FollowerRegistry(MongoDatabase database, Clock clock) {
        this.followers = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Created by platform-support at start-up, before the consumer starts. */
    @Bean
    static Indexes followerIndexes() {
        return Indexes.on(COLLECTION, Indexes.unique("appId", "openId"));
    }

    Mono<Void> subscribed(InboundEvent event, Instant at, String scene) {
        Bson state = Updates.combine(
                Updates.set("subscribed", true),
                Updates.set("subscribedAt", Date.from(at)),
                scene == null ? Updates.unset("scene") : Updates.set("scene", scene),
                Updates.set("lastEventTime", Date.from(at)));
        return upsert(event, Updates.max("lastInteractionAt", Date.from(at))).then(applyIfNewer(event, at, state));
    }

    Mono<Void> unsubscribed(InboundEvent event, Instant at) {
        Bson state = Updates.combine(
                Updates.set("subscribed", false),
                Updates.set("unsubscribedAt", Date.from(at)),
                Updates.set("lastEventTime", Date.from(at)));
        return upsert(event, null).then(applyIfNewer(event, at, state));
    }

    /** A message or a follower action: the follower exists and is subscribed, unless we know otherwise. */
    Mono<Void> interacted(InboundEvent event, Instant at) {
        return upsert(
                event,
                Updates.combine(
                        Updates.setOnInsert("subscribed", true), Updates.max("lastInteractionAt", Date.from(at))));
    }

    Mono<Follower> find(String appId, String openId) {
        return Mono.from(followers.find(eq("_id", idOf(appId, openId))).first()).map(Follower::fromDocument);
    }

    Flux<Follower> list(String tenantId, String appId, FollowerFilter filter, int skip, int limit) {
        return Flux.from(followers
                        .find(filter.toBson(tenantId, appId))
                        .sort(ascending("openId"))
                        .skip(skip)
                        .limit(limit))
                .map(Follower::fromDocument);
    }

    Mono<Long> count(String tenantId, String appId, FollowerFilter filter) {
        return Mono.from(followers.countDocuments(filter.toBson(tenantId, appId)));
    }

    /**
     * What WeChat's user/info says, one unordered bulk of upserts by {@code _id} (the sync's hot path): an event that
     * created the follower meanwhile is updated, never duplicated. Subscription time only moves
     * {@code lastEventTime} forward, so a later unsubscribe event still applies. Each follower is stamped with the
     * sync run ({@code syncRun}: when the job started), for {@link #unsubscribeUnlisted} at its end.
     */
    public Mono<Void> upsertFromWeChat(String tenantId, String appId, List<UserInfo> infos, Instant syncRun) {
        if (infos.isEmpty()) {
            return Mono.empty();
        }
        BsonDateTime now = new BsonDateTime(clock.millis());
        BsonDateTime run = new BsonDateTime(syncRun.toEpochMilli());
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        List<UpdateOneModel<Document>> writes = new ArrayList<>(infos.size());
        for (UserInfo info : infos) {
            writes.add(new UpdateOneModel<>(
                    new BsonDocument("_id", new BsonString(idOf(appId, info.openId()))),
                    fromWeChat(tenantId, appId, info, now, run),
                    upsert));
        }
        return Mono.from(followers.bulkWrite(writes, new BulkWriteOptions().ordered(false)))
                .then();
    }

    /**
     * At the end of a full sync run (started at {@code syncRun}) that listed every follower WeChat has: the account's
     * followers still subscribed here that the run did not stamp, and that no event (subscribe, message, …) showed
     * since the run started, have left; they are marked unsubscribed ({@code unsubscribedAt}: when noticed). Returns
     * how many. Not a hot path: one scan per finished sync (mongo-java-server indexes only {@code _id}).
     */
    public Mono<Long> unsubscribeUnlisted(String appId, Instant syncRun) {
        Date started = Date.from(syncRun);
        Bson unlisted = and(
                eq("appId", appId),
                eq("subscribed", true),
                ne("syncRun", started),
                or(eq("lastEventTime", null), lt("lastEventTime", started)),
                or(eq("lastInteractionAt", null), lt("lastInteractionAt", started)));
        return Mono.from(followers.updateMany(
                        unlisted,
                        Updates.combine(
                                Updates.set("subscribed", false),
                                Updates.set("unsubscribedAt", Date.from(clock.instant())))))
                .map(result -> result.getModifiedCount());
    }

    /** Keeps the local copy of tags in step after WeChat accepted a tagging or untagging. */
    public Mono<Void> tagged(String appId, List<String> openIds, int tagId, boolean add) {
        List<UpdateOneModel<Document>> writes = new ArrayList<>(openIds.size());
        for (String openId : openIds) {
            writes.add(new UpdateOneModel<>(
                    eq("_id", idOf(appId, openId)),
                    add ? Updates.addToSet("tagIds", tagId) : Updates.pull("tagIds", tagId)));
        }
        return writes.isEmpty()
                ? Mono.empty()
                : Mono.from(followers.bulkWrite(writes, new BulkWriteOptions().ordered(false)))
                        .then();
    }

    /** WeChat takes a deleted tag off every follower that held it; so does the local copy. */
    public Mono<Void> tagDeleted(String appId, int tagId) {
        return Mono.from(followers.updateMany(
                        and(eq("appId", appId), eq("tagIds", tagId)), Updates.pull("tagIds", tagId)))
                .then();
    }

    public Mono<Void> remarked(String appId, String openId, String remark) {
        return Mono.from(followers.updateOne(eq("_id", idOf(appId, openId)), Updates.set("remark", remark)))
                .then();
    }

    /**
     * The update document, built as BSON directly: the sync writes one per follower, and the driver's {@code Updates}
     * builders first encode every operator on its own through the codec registry (a good part of user-service's CPU
     * in a profile of the sync benchmark).
     */
    private static BsonDocument fromWeChat(
            String tenantId, String appId, UserInfo info, BsonDateTime now, BsonDateTime syncRun) {
        BsonDocument onInsert = new BsonDocument()
                .append("tenantId", new BsonString(tenantId))
                .append("appId", new BsonString(appId))
                .append("openId", new BsonString(info.openId()))
                .append("createdAt", now);
        BsonArray tagIds = new BsonArray(info.tagIds().size());
        info.tagIds().forEach(tagId -> tagIds.add(new BsonInt32(tagId)));
        BsonDocument set = new BsonDocument()
                .append("subscribed", BsonBoolean.valueOf(info.subscribed()))
                .append("tagIds", tagIds)
                .append("syncedAt", now)
                .append("syncRun", syncRun);
        BsonDocument unset = new BsonDocument();
        BsonDocument update = new BsonDocument("$setOnInsert", onInsert).append("$set", set);
        if (info.subscribed()) {
            BsonDateTime subscribedAt = new BsonDateTime(info.subscribeTime().toEpochMilli());
            set.append("subscribedAt", subscribedAt);
            update.append("$max", new BsonDocument("lastEventTime", subscribedAt));
        }
        setOrUnset(set, unset, "remark", info.remark());
        setOrUnset(set, unset, "subscribeScene", info.subscribeScene());
        setOrUnset(set, unset, "unionId", info.unionId());
        String scene = !info.qrSceneStr().isEmpty()
                ? info.qrSceneStr()
                : info.qrScene() != 0 ? Long.toString(info.qrScene()) : null;
        if (scene != null) {
            set.append("scene", new BsonString(scene));
        }
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return update;
    }

    private static void setOrUnset(BsonDocument set, BsonDocument unset, String field, String value) {
        if (value == null) {
            unset.append(field, new BsonString(""));
        } else {
            set.append(field, new BsonString(value));
        }
    }

    private Mono<Void> upsert(InboundEvent event, Bson change) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.setOnInsert("tenantId", event.tenantId()),
                Updates.setOnInsert("appId", event.appId()),
                Updates.setOnInsert("openId", event.openId()),
                Updates.setOnInsert("createdAt", Date.from(clock.instant()))));
        if (change != null) {
            updates.add(change);
        }
        return Mono.from(followers.updateOne(
                        eq("_id", idOf(event)), Updates.combine(updates), new UpdateOptions().upsert(true)))
                .then();
    }

    private Mono<Void> applyIfNewer(InboundEvent event, Instant at, Bson state) {
        Bson notOlder = or(eq("lastEventTime", null), lte("lastEventTime", Date.from(at)));
        return ById.update(followers, idOf(event), notOlder, state).then();
    }

    private static String idOf(InboundEvent event) {
        return idOf(event.appId(), event.openId());
    }

    private static String idOf(String appId, String openId) {
        return appId + "|" + openId;
    }
}
