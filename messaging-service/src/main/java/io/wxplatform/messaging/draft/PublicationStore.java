package io.wxplatform.messaging.draft;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.Publication;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * {@code publications}: one document per publish job ({@code _id} = publishId, {@code tenantId, appId, draftMediaId,
 * status, articleId, submittedAt, updatedAt}); stored when WeChat accepted the submission, updated from its status.
 */
@Repository
class PublicationStore {

    static final String COLLECTION = "publications";

    private final MongoCollection<Document> publications;

    PublicationStore(MongoDatabase database) {
        this.publications = database.getCollection(COLLECTION);
    }

    Mono<PublicationRecord> insert(String tenantId, String appId, String draftMediaId, Publication job, Instant at) {
        Document doc = new Document("_id", job.publishId())
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("draftMediaId", draftMediaId)
                .append("status", job.status())
                .append("articleId", job.articleId())
                .append("submittedAt", Date.from(at))
                .append("updatedAt", Date.from(at));
        return Mono.from(publications.insertOne(doc)).thenReturn(record(doc));
    }

    Mono<PublicationRecord> find(String appId, String publishId) {
        return Mono.from(publications
                        .find(and(eq("_id", publishId), eq("appId", appId)))
                        .first())
                .map(PublicationStore::record);
    }

    /** Records WeChat's latest word on the job. */
    Mono<PublicationRecord> update(String appId, String publishId, Publication job, Instant at) {
        return Mono.from(publications.updateOne(
                        eq("_id", publishId),
                        Updates.combine(
                                Updates.set("status", job.status()),
                                Updates.set("articleId", job.articleId()),
                                Updates.set("updatedAt", Date.from(at)))))
                .then(find(appId, publishId));
    }

    private static PublicationRecord record(Document doc) {
        return new PublicationRecord(
                doc.getString("_id"),
                doc.getString("appId"),
                doc.getString("draftMediaId"),
                doc.get("status", Number.class).intValue(),
                doc.getString("articleId"),
                doc.getDate("submittedAt").toInstant(),
                doc.getDate("updatedAt").toInstant());
    }
}
