package io.wxplatform.messaging.send;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;
import static com.mongodb.client.model.Indexes.descending;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code outbound_messages} collection. */
@Repository
class OutboundMessages {

    static final String COLLECTION = "outbound_messages";

    private final MongoCollection<Document> collection;

    OutboundMessages(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    Mono<Void> save(OutboundMessage message) {
        return Mono.from(collection.replaceOne(
                        eq("_id", message.id()), message.toDocument(), new ReplaceOptions().upsert(true)))
                .then();
    }

    /** Created by platform-support at start-up, before the consumer starts. */
    @Bean
    static Indexes outboundMessageIndexes() {
        return Indexes.on(
                COLLECTION,
                new IndexModel(compoundIndex(ascending("appId"), descending("createdAt"))),
                new IndexModel(compoundIndex(ascending("appId", "openId"), descending("createdAt"))));
    }

    Flux<OutboundMessage> find(String tenantId, String appId, String openId, int skip, int limit) {
        return Flux.from(collection
                        .find(filter(tenantId, appId, openId))
                        .sort(descending("createdAt"))
                        .skip(skip)
                        .limit(limit))
                .map(OutboundMessage::fromDocument);
    }

    Mono<Long> count(String tenantId, String appId, String openId) {
        return Mono.from(collection.countDocuments(filter(tenantId, appId, openId)));
    }

    private static Bson filter(String tenantId, String appId, String openId) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("appId", appId), eq("tenantId", tenantId)));
        if (openId != null && !openId.isBlank()) {
            conditions.add(eq("openId", openId));
        }
        return and(conditions);
    }
}
