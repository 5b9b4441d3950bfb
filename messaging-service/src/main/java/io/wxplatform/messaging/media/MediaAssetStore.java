package io.wxplatform.messaging.media;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.support.web.Paging;
import io.wxplatform.wechat.api.MediaKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code media_assets}: one document per asset ({@code _id} = assetId, the fields of {@link MediaAsset}, plus
 * {@code fileId} of its bytes in the GridFS bucket {@code media_files} and {@code leaseUntil} while a refresher
 * re-uploads it). A refresh is one conditional update on the media_id it replaced, so a late refresher never
 * overwrites a newer one.
 */
@Repository
class MediaAssetStore {

    static final String ASSETS = "media_assets";
    static final String FILES = "media_files";

    private final MongoCollection<Document> assets;
    private final GridFSBucket files;

    MediaAssetStore(MongoDatabase database) {
        this.assets = database.getCollection(ASSETS);
        this.files = GridFSBuckets.create(database, FILES);
    }

    @Bean
    static Indexes mediaAssetIndexes() {
        return Indexes.on(ASSETS, Indexes.ascending("appId"), Indexes.ascending("expiresAt"));
    }

    /** Stores the bytes; answers their GridFS id. */
    Mono<ObjectId> storeFile(String filename, byte[] bytes) {
        return Mono.from(files.uploadFromPublisher(filename, Mono.just(ByteBuffer.wrap(bytes))));
    }

    Mono<byte[]> file(ObjectId fileId) {
        return Flux.from(files.downloadToPublisher(fileId)).collectList().map(buffers -> {
            int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
            ByteBuffer all = ByteBuffer.allocate(size);
            buffers.forEach(all::put);
            return all.array();
        });
    }

    Mono<Void> insert(MediaAsset asset, ObjectId fileId, Instant uploadedAt) {
        return Mono.from(assets.insertOne(
                        document(asset).append("fileId", fileId).append("uploadedAt", Date.from(uploadedAt))))
                .then();
    }

    Mono<Stored> find(String appId, String assetId) {
        return Mono.from(assets.find(eq("_id", assetId)).first())
                .filter(doc -> appId.equals(doc.getString("appId")))
                .map(MediaAssetStore::stored);
    }

    Flux<MediaAsset> list(String appId, Paging paging) {
        return Flux.from(assets.find(eq("appId", appId))
                        .sort(Sorts.descending("uploadedAt"))
                        .skip(paging.skip())
                        .limit(paging.size()))
                .map(doc -> stored(doc).asset());
    }

    Mono<Long> count(String appId) {
        return Mono.from(assets.countDocuments(eq("appId", appId)));
    }

    /** Deletes the asset and its bytes. */
    Mono<Void> delete(Stored stored) {
        return Mono.from(assets.deleteOne(eq("_id", stored.asset().assetId())))
                .then(Mono.from(files.delete(stored.fileId())).onErrorResume(error -> Mono.empty()));
    }

    /** The account's asset holding this permanent media_id, if any. */
    Mono<Stored> findByMediaId(String appId, String mediaId) {
        return Mono.from(assets.find(and(eq("appId", appId), eq("mediaId", mediaId)))
                        .first())
                .map(MediaAssetStore::stored);
    }

    /** From now on the refresher keeps the asset's media valid. */
    Mono<Void> keepFresh(String assetId) {
        return Mono.from(assets.updateOne(eq("_id", assetId), Updates.set("keepFresh", true)))
                .then();
    }

    /** Kept-fresh temporary assets expiring by {@code before} and not being refreshed elsewhere. */
    Flux<Stored> due(Instant before, Instant now, int limit) {
        return Flux.from(assets.find(dueFilter(before, now))
                        .sort(Sorts.ascending("expiresAt"))
                        .limit(limit))
                .map(MediaAssetStore::stored);
    }

    /** Claims a due asset for a refresh until {@code leaseUntil}; false when another refresher has it. */
    Mono<Boolean> claim(String assetId, Instant before, Instant now, Instant leaseUntil) {
        return ById.update(assets, assetId, dueFilter(before, now), Updates.set("leaseUntil", Date.from(leaseUntil)));
    }

    /** Records the new media_id, if the asset still holds the one that was replaced. */
    Mono<Boolean> refreshed(
            String assetId, String replacedMediaId, String mediaId, Instant createdAt, Instant expiresAt) {
        return ById.update(
                assets,
                assetId,
                eq("mediaId", replacedMediaId),
                Updates.combine(
                        Updates.set("mediaId", mediaId),
                        Updates.set("createdAt", Date.from(createdAt)),
                        Updates.set("expiresAt", Date.from(expiresAt)),
                        Updates.inc("refreshes", 1),
                        Updates.unset("leaseUntil")));
    }

    private static Bson dueFilter(Instant before, Instant now) {
        return and(
                eq("keepFresh", true),
                eq("permanent", false),
                lte("expiresAt", Date.from(before)),
                or(Filters.exists("leaseUntil", false), lte("leaseUntil", Date.from(now))));
    }

    /** An asset with the GridFS id of its bytes. */
    record Stored(MediaAsset asset, ObjectId fileId) {}

    private static Document document(MediaAsset asset) {
        Document doc = new Document("_id", asset.assetId())
                .append("tenantId", asset.tenantId())
                .append("appId", asset.appId())
                .append("kind", asset.kind().name())
                .append("permanent", asset.permanent())
                .append("mediaId", asset.mediaId())
                .append("url", asset.url())
                .append("filename", asset.filename())
                .append("contentType", asset.contentType())
                .append("size", asset.size())
                .append("createdAt", date(asset.createdAt()))
                .append("expiresAt", date(asset.expiresAt()))
                .append("keepFresh", asset.keepFresh())
                .append("refreshes", asset.refreshes())
                .append("title", asset.title())
                .append("introduction", asset.introduction());
        return doc;
    }

    private static Stored stored(Document doc) {
        return new Stored(
                new MediaAsset(
                        doc.getString("_id"),
                        doc.getString("tenantId"),
                        doc.getString("appId"),
                        MediaKind.valueOf(doc.getString("kind")),
                        Boolean.TRUE.equals(doc.getBoolean("permanent")),
                        doc.getString("mediaId"),
                        doc.getString("url"),
                        doc.getString("filename"),
                        doc.getString("contentType"),
                        doc.get("size", Number.class).longValue(),
                        instant(doc.getDate("createdAt")),
                        instant(doc.getDate("expiresAt")),
                        Boolean.TRUE.equals(doc.getBoolean("keepFresh")),
                        doc.get("refreshes", Number.class).intValue(),
                        doc.getString("title"),
                        doc.getString("introduction")),
                doc.getObjectId("fileId"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
