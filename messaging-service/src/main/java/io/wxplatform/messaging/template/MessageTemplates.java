package io.wxplatform.messaging.template;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.wechat.api.MessageTemplate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's templates as WeChat last listed them, {@code message_templates} {@code {_id: appId|templateId,
 * tenantId, appId, templateId, title, primaryIndustry, deputyIndustry, content, example, syncedAt}}. WeChat's list is
 * the truth: a sync replaces the stored set (templates deleted in WeChat's console disappear here too).
 */
@Repository
class MessageTemplates {

    static final String COLLECTION = "message_templates";

    private final MongoCollection<Document> collection;

    MessageTemplates(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Bean
    static Indexes messageTemplateIndexes() {
        return Indexes.on(COLLECTION, new IndexModel(ascending("appId", "templateId")));
    }

    /** A template as the tenant sees it. */
    record Template(
            String templateId,
            String title,
            String primaryIndustry,
            String deputyIndustry,
            String content,
            String example,
            Instant syncedAt) {}

    Mono<Void> replace(String tenantId, String appId, List<MessageTemplate> templates, Instant at) {
        List<String> ids = templates.stream().map(MessageTemplate::templateId).toList();
        return Flux.fromIterable(templates)
                .concatMap(template -> Mono.from(collection.replaceOne(
                        eq("_id", appId + "|" + template.templateId()),
                        new Document("_id", appId + "|" + template.templateId())
                                .append("tenantId", tenantId)
                                .append("appId", appId)
                                .append("templateId", template.templateId())
                                .append("title", template.title())
                                .append("primaryIndustry", template.primaryIndustry())
                                .append("deputyIndustry", template.deputyIndustry())
                                .append("content", template.content())
                                .append("example", template.example())
                                .append("syncedAt", Date.from(at)),
                        new ReplaceOptions().upsert(true))))
                .then(Mono.from(collection.deleteMany(and(eq("appId", appId), nin("templateId", ids)))))
                .then();
    }

    Mono<Void> delete(String appId, String templateId) {
        return Mono.from(collection.deleteOne(eq("_id", appId + "|" + templateId)))
                .then();
    }

    Flux<Template> list(String tenantId, String appId) {
        return Flux.from(collection
                        .find(and(eq("appId", appId), eq("tenantId", tenantId)))
                        .sort(ascending("templateId")))
                .map(doc -> new Template(
                        doc.getString("templateId"),
                        doc.getString("title"),
                        doc.getString("primaryIndustry"),
                        doc.getString("deputyIndustry"),
                        doc.getString("content"),
                        doc.getString("example"),
                        doc.getDate("syncedAt").toInstant()));
    }
}
