package io.wxplatform.user.follower;

import io.wxplatform.support.mongo.ById;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Indexes.ascending;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.mongo.Indexes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code followers} collection, one document per (appId, openId). Every change is a single-document update, so
 * concurrent consumers need no transaction. Subscription state changes only when the event is not older than the last
 * one applied ({@code lastEventTime}): events reordered across partitions or replayed cannot flip it back.
 */
@Repository
class FollowerRegistry {

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
        return upsert(event, Updates.combine(
                Updates.setOnInsert("subscribed", true),
                Updates.max("lastInteractionAt", Date.from(at))));
    }

    Mono<Follower> find(String appId, String openId) {
        return Mono.from(followers.find(eq("_id", idOf(appId, openId))).first()).map(Follower::fromDocument);
    }

    Flux<Follower> list(String tenantId, String appId, Boolean subscribed, int skip, int limit) {
        return Flux.from(followers.find(filter(tenantId, appId, subscribed))
                        .sort(ascending("openId"))
                        .skip(skip)
                        .limit(limit))
                .map(Follower::fromDocument);
    }

    Mono<Long> count(String tenantId, String appId, Boolean subscribed) {
        return Mono.from(followers.countDocuments(filter(tenantId, appId, subscribed)));
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
        return Mono.from(followers.updateOne(eq("_id", idOf(event)), Updates.combine(updates),
                new UpdateOptions().upsert(true))).then();
    }

    private Mono<Void> applyIfNewer(InboundEvent event, Instant at, Bson state) {
        Bson notOlder = or(eq("lastEventTime", null), lte("lastEventTime", Date.from(at)));
        return ById.update(followers, idOf(event), notOlder, state).then();
    }

    private static Bson filter(String tenantId, String appId, Boolean subscribed) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("appId", appId), eq("tenantId", tenantId)));
        if (subscribed != null) {
            conditions.add(eq("subscribed", subscribed));
        }
        return and(conditions);
    }

    private static String idOf(InboundEvent event) {
        return idOf(event.appId(), event.openId());
    }

    private static String idOf(String appId, String openId) {
        return appId + "|" + openId;
    }
}
