package io.wxplatform.messaging.draft;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.Publication;
import io.wxplatform.wechat.protocol.PublishJobFinishEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * {@code publications}: one document per publish job ({@code _id} = publishId, {@code tenantId, appId, draftMediaId,
 * status, articleId, articles: [{index, url}], failedIndexes, submittedAt, updatedAt}); stored when WeChat accepted
 * the submission, finished by WeChat's PUBLISHJOBFINISH (or its status, read while publishing). Both writes upsert,
 * so an event that overtakes the submission's record is kept; a finished job only moves on to "deleted" (5).
 */
@Repository
class PublicationStore {

    static final String COLLECTION = "publications";

    private final MongoCollection<Document> publications;

    PublicationStore(MongoDatabase database) {
        this.publications = database.getCollection(COLLECTION);
    }

    Mono<PublicationRecord> insert(String tenantId, String appId, String draftMediaId, Publication job, Instant at) {
        return Mono.from(publications.updateOne(
                        eq("_id", job.publishId()),
                        Updates.combine(
                                Updates.set("tenantId", tenantId),
                                Updates.set("appId", appId),
                                Updates.set("draftMediaId", draftMediaId),
                                Updates.set("submittedAt", Date.from(at)),
                                Updates.setOnInsert("status", job.status()),
                                Updates.setOnInsert("updatedAt", Date.from(at))),
                        new UpdateOptions().upsert(true)))
                .then(Mono.defer(() -> find(appId, job.publishId())));
    }

    Mono<PublicationRecord> find(String appId, String publishId) {
        return Mono.from(publications
                        .find(and(eq("_id", publishId), eq("appId", appId)))
                        .first())
                .map(PublicationStore::record);
    }

    /** Records WeChat's latest word on a job still publishing. */
    Mono<PublicationRecord> update(String appId, String publishId, Publication job, Instant at) {
        return Mono.from(publications.updateOne(
                        and(eq("_id", publishId), eq("status", Publication.PUBLISHING)),
                        Updates.combine(
                                Updates.set("status", job.status()),
                                Updates.set("articleId", job.articleId()),
                                Updates.set("updatedAt", Date.from(at)))))
                .then(find(appId, publishId));
    }

    /**
     * WeChat's PUBLISHJOBFINISH: the job's outcome with its articles' URLs. Applied to a job still publishing or
     * already in the same state (a redelivery, or after a status read); a job deleted since stays deleted.
     */
    Mono<Void> finished(String appId, PublishJobFinishEvent event, Instant at) {
        List<Document> articles = event.articles().stream()
                .map(article -> new Document("index", article.index()).append("url", article.url()))
                .toList();
        return Mono.from(publications.updateOne(
                        and(
                                eq("_id", event.publishId()),
                                eq("appId", appId),
                                in("status", Publication.PUBLISHING, event.publishStatus())),
                        Updates.combine(
                                Updates.set("status", event.publishStatus()),
                                Updates.set("articleId", event.articleId()),
                                Updates.set("articles", articles),
                                Updates.set("failedIndexes", event.failedIndexes()),
                                Updates.set("updatedAt", Date.from(at))),
                        new UpdateOptions().upsert(true)))
                .onErrorResume(PublicationStore::duplicateKey, moved -> Mono.empty())
                .then();
    }

    /** WeChat deleted the published article: every job that published it reads as deleted (5). */
    Mono<Void> deleted(String appId, String articleId, Instant at) {
        return Mono.from(publications.updateMany(
                        and(eq("appId", appId), eq("articleId", articleId)),
                        Updates.combine(Updates.set("status", DELETED), Updates.set("updatedAt", Date.from(at)))))
                .then();
    }

    /** WeChat's status of a published article deleted since. */
    static final int DELETED = 5;

    /** The job exists in another state (deleted since): the upsert's insert is refused, and nothing is to be done. */
    private static boolean duplicateKey(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static PublicationRecord record(Document doc) {
        List<PublicationRecord.ArticleUrl> articles = doc.getList("articles", Document.class, List.of()).stream()
                .map(article -> new PublicationRecord.ArticleUrl(
                        article.get("index", Number.class).intValue(), article.getString("url")))
                .toList();
        List<Integer> failed = doc.getList("failedIndexes", Number.class, List.of()).stream()
                .map(Number::intValue)
                .toList();
        Date submittedAt = doc.getDate("submittedAt");
        return new PublicationRecord(
                doc.getString("_id"),
                doc.getString("appId"),
                doc.getString("draftMediaId"),
                doc.get("status", Number.class).intValue(),
                doc.getString("articleId"),
                articles,
                failed,
                submittedAt == null ? null : submittedAt.toInstant(),
                doc.getDate("updatedAt").toInstant());
    }
}
