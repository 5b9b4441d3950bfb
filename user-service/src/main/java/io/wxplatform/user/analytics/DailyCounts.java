package io.wxplatform.user.analytics;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.DataCubeApi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The platform's own follower counts per account and day, from inbound events: {@code follower_days {_id:
 * appId|day, appId, day, subscribes, unsubscribes, scenes: {<QR scene>: {subscribes, unsubscribes}}}}, one atomic
 * {@code $inc} upsert by {@code _id} per event. Days are WeChat's (China time, the event's CreateTime), so they line
 * up with WeChat's own figures.
 */
@Repository
public class DailyCounts {

    static final String COLLECTION = "follower_days";

    private final MongoCollection<Document> days;

    DailyCounts(MongoDatabase database) {
        this.days = database.getCollection(COLLECTION);
    }

    /** A subscribe, through the QR {@code scene} or not (null). */
    public Mono<Void> subscribed(String appId, String scene, long createTime) {
        return count(appId, scene, createTime, "subscribes");
    }

    /** An unsubscribe of a follower who came through the QR {@code scene}, or not (null). */
    public Mono<Void> unsubscribed(String appId, String scene, long createTime) {
        return count(appId, scene, createTime, "unsubscribes");
    }

    /** The stored days of {@code from} to {@code to} (included), in order; a day without events has no document. */
    Flux<Document> between(String appId, LocalDate from, LocalDate to) {
        List<LocalDate> range = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            range.add(day);
        }
        return Flux.fromIterable(range)
                .flatMapSequential(
                        day -> Mono.from(days.find(eq("_id", id(appId, day))).first()), 8);
    }

    private Mono<Void> count(String appId, String scene, long createTime, String field) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(createTime), DataCubeApi.ZONE);
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.setOnInsert("appId", appId),
                Updates.setOnInsert("day", day.toString()),
                Updates.inc(field, 1)));
        if (scene != null && !scene.isEmpty()) {
            updates.add(Updates.inc("scenes." + SceneKeys.encode(scene) + "." + field, 1));
        }
        return Mono.from(days.findOneAndUpdate(
                        eq("_id", id(appId, day)),
                        Updates.combine(updates),
                        new FindOneAndUpdateOptions().upsert(true).projection(Projections.include("_id"))))
                .then();
    }

    private static String id(String appId, LocalDate day) {
        return appId + "|" + day;
    }
}
