package io.wxplatform.messaging.template;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.support.mongo.Indexes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The daily delivery summary per template, {@code template_deliveries} {@code {_id: appId|templateId|day, tenantId,
 * appId, templateId, day (yyyy-MM-dd, UTC, of the send's acceptance), sent, failed, delivered, refusedByUser}}. Each
 * outcome is one upserting {@code $inc}, made only by whoever moved the send to that status (the claim holder, or the
 * one conditional update that applied WeChat's report), so concurrent instances count each send once.
 */
@Repository
class TemplateDeliveries {

    static final String COLLECTION = "template_deliveries";

    private final MongoCollection<Document> collection;

    TemplateDeliveries(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Bean
    static Indexes templateDeliveryIndexes() {
        return Indexes.on(COLLECTION, new IndexModel(compoundIndex(ascending("appId", "templateId", "day"))));
    }

    /** A daily summary as the tenant sees it. */
    record Day(String day, long sent, long failed, long delivered, long refusedByUser) {}

    Mono<Void> count(Document send, OutboundStatus status) {
        String counter = switch (status) {
            case SENT -> "sent";
            case FAILED -> "failed";
            case DELIVERED -> "delivered";
            case REFUSED_BY_USER -> "refusedByUser";
            case ACCEPTED -> null;
        };
        if (counter == null) {
            return Mono.empty();
        }
        String appId = send.getString("appId");
        String templateId = send.getString("templateId");
        String day = LocalDate.ofInstant(send.getDate("createdAt").toInstant(), ZoneOffset.UTC)
                .toString();
        return Mono.from(collection.updateOne(
                        eq("_id", appId + "|" + templateId + "|" + day),
                        Updates.combine(
                                Updates.setOnInsert("tenantId", send.getString("tenantId")),
                                Updates.setOnInsert("appId", appId),
                                Updates.setOnInsert("templateId", templateId),
                                Updates.setOnInsert("day", day),
                                Updates.inc(counter, 1)),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    Flux<Day> days(String tenantId, String appId, String templateId, LocalDate from, LocalDate to) {
        return Flux.from(collection
                        .find(and(
                                eq("appId", appId),
                                eq("templateId", templateId),
                                eq("tenantId", tenantId),
                                gte("day", from.toString()),
                                lte("day", to.toString())))
                        .sort(ascending("day")))
                .map(doc -> new Day(
                        doc.getString("day"),
                        number(doc, "sent"),
                        number(doc, "failed"),
                        number(doc, "delivered"),
                        number(doc, "refusedByUser")));
    }

    private static long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
