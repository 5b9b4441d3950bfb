package io.wxplatform.user.location;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import io.wxplatform.wechat.protocol.LocationEvent;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code follower_locations {_id: appId|openId, tenantId, appId, openId, latitude, longitude, precision, at,
 * history: [{latitude, longitude, precision, at}]}}: a follower's last LOCATION event and the last
 * {@code history-size} of them (newest last), kept in one document by one atomic update ({@code $push} with
 * {@code $slice}). A location is applied only if newer than the stored one: a follower's events come in order (one
 * Kafka key), so an older or equal time is a replay of one already kept, and changes nothing.
 */
@Repository
@EnableConfigurationProperties(LocationProperties.class)
public class LocationHistory {

    static final String COLLECTION = "follower_locations";

    private final MongoCollection<Document> locations;
    private final int historySize;

    LocationHistory(MongoDatabase database, LocationProperties properties) {
        this.locations = database.getCollection(COLLECTION);
        this.historySize = properties.historySize();
    }

    public Mono<Void> reported(InboundEvent event, LocationEvent location) {
        FollowerLocation.Point point = new FollowerLocation.Point(
                location.latitude(),
                location.longitude(),
                location.precision(),
                Instant.ofEpochSecond(location.header().createTime()));
        String id = event.appId() + "|" + event.openId();
        Document fix = point.toDocument();
        return ById.update(
                        locations,
                        id,
                        lt("at", fix.getDate("at")),
                        Updates.combine(
                                Updates.set("latitude", point.latitude()),
                                Updates.set("longitude", point.longitude()),
                                Updates.set("precision", point.precision()),
                                Updates.set("at", fix.getDate("at")),
                                Updates.pushEach("history", List.of(fix), new PushOptions().slice(-historySize))))
                .flatMap(applied -> applied ? Mono.empty() : first(event, id, fix));
    }

    /** The follower's first location; a document already there holds this one or a newer one. */
    private Mono<Void> first(InboundEvent event, String id, Document fix) {
        Document doc = new Document("_id", id)
                .append("tenantId", event.tenantId())
                .append("appId", event.appId())
                .append("openId", event.openId())
                .append("history", List.of(fix));
        doc.putAll(fix);
        return Mono.from(locations.insertOne(doc))
                .onErrorResume(MongoErrors::isDuplicateKey, newer -> Mono.empty())
                .then();
    }

    Mono<FollowerLocation> find(String tenantId, String appId, String openId) {
        return Mono.from(locations.find(eq("_id", appId + "|" + openId)).first())
                .filter(doc -> tenantId.equals(doc.getString("tenantId")))
                .map(doc -> FollowerLocation.fromDocument(doc, true));
    }

    /** Not a hot path: the account's followers' last locations, most recent first, paged. */
    Flux<FollowerLocation> latest(String tenantId, String appId, int skip, int limit) {
        return Flux.from(locations
                        .find(and(eq("appId", appId), eq("tenantId", tenantId)))
                        .projection(Projections.exclude("history"))
                        .sort(new Document("at", -1))
                        .skip(skip)
                        .limit(limit))
                .map(doc -> FollowerLocation.fromDocument(doc, false));
    }

    Mono<Long> count(String tenantId, String appId) {
        return Mono.from(locations.countDocuments(and(eq("appId", appId), eq("tenantId", tenantId))));
    }
}
