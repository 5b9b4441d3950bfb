package io.wxplatform.user.qrcode;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.QrCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The accounts' codes ({@code qr_codes}) and what they brought ({@code qr_stats {_id: appId|scene|day, appId, scene,
 * day, scans, newFollowers, unsubscribedSince}}, days in UTC): one upsert by {@code _id} per event.
 */
@Repository
class QrCodeStore {

    static final String CODES = "qr_codes";
    static final String STATS = "qr_stats";

    private final MongoCollection<Document> codes;
    private final MongoCollection<Document> stats;
    private final Clock clock;

    QrCodeStore(MongoDatabase database, Clock clock) {
        this.codes = database.getCollection(CODES);
        this.stats = database.getCollection(STATS);
        this.clock = clock;
    }

    Mono<QrCodeView> save(
            String tenantId, String appId, String scene, QrCodeView.Kind kind, QrCode code, String label) {
        Date now = Date.from(clock.instant());
        Document doc = new Document("_id", appId + "|" + scene)
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("scene", scene)
                .append("kind", kind.name())
                .append("ticket", code.ticket())
                .append("url", code.url())
                .append("imageUrl", code.imageUrl())
                .append("label", label)
                .append(
                        "expiresAt",
                        code.expireSeconds() > 0 ? Date.from(clock.instant().plusSeconds(code.expireSeconds())) : null)
                .append("createdAt", now);
        return Mono.from(codes.replaceOne(eq("_id", doc.getString("_id")), doc, new ReplaceOptions().upsert(true)))
                .thenReturn(QrCodeView.fromDocument(doc));
    }

    Mono<QrCodeView> find(String tenantId, String appId, String scene) {
        return Mono.from(codes.find(eq("_id", appId + "|" + scene)).first())
                .filter(doc -> tenantId.equals(doc.getString("tenantId")))
                .map(QrCodeView::fromDocument);
    }

    /** Not a hot path: an account's codes, newest first, paged. */
    Flux<QrCodeView> list(String tenantId, String appId, int skip, int limit) {
        return Flux.from(codes.find(and(eq("appId", appId), eq("tenantId", tenantId)))
                        .sort(new Document("createdAt", -1))
                        .skip(skip)
                        .limit(limit))
                .map(QrCodeView::fromDocument);
    }

    Mono<Long> count(String tenantId, String appId) {
        return Mono.from(codes.countDocuments(and(eq("appId", appId), eq("tenantId", tenantId))));
    }

    /** A scan by anyone; a new follower's also counts in {@code newFollowers}. */
    Mono<Void> scanned(String appId, String scene, LocalDate day, boolean newFollower) {
        String id = appId + "|" + scene + "|" + day;
        return Mono.from(stats.updateOne(
                        eq("_id", id),
                        Updates.combine(
                                Updates.setOnInsert("appId", appId),
                                Updates.setOnInsert("scene", scene),
                                Updates.setOnInsert("day", day.toString()),
                                Updates.inc("scans", 1),
                                Updates.inc("newFollowers", newFollower ? 1 : 0)),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    /** One of the code's new followers of {@code day} has unsubscribed since. */
    Mono<Void> left(String appId, String scene, LocalDate day) {
        String id = appId + "|" + scene + "|" + day;
        return Mono.from(stats.updateOne(
                        eq("_id", id),
                        Updates.combine(
                                Updates.setOnInsert("appId", appId),
                                Updates.setOnInsert("scene", scene),
                                Updates.setOnInsert("day", day.toString()),
                                Updates.inc("unsubscribedSince", 1)),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    /** A code's days, oldest first. */
    Flux<Document> stats(String appId, String scene) {
        return Flux.from(stats.find(and(eq("appId", appId), eq("scene", scene))).sort(ascending("day")));
    }

    static LocalDate day(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
