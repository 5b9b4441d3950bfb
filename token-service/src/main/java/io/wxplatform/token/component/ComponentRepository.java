package io.wxplatform.token.component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.token.secret.SealedSecret;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Collection {@code components}; every change is one single-document write. */
@Repository
class ComponentRepository {

    private final MongoCollection<Document> components;

    ComponentRepository(MongoDatabase database) {
        this.components = database.getCollection("components");
    }

    Mono<PlatformComponent> find(String componentAppId) {
        return Mono.from(components.find(Filters.eq("_id", componentAppId)).first())
                .map(ComponentRepository::fromDocument);
    }

    Flux<PlatformComponent> all() {
        return Flux.from(components.find()).map(ComponentRepository::fromDocument);
    }

    /** Creates the component or replaces its secrets (its ticket stays). */
    Mono<PlatformComponent> put(
            String componentAppId,
            SealedSecret appSecret,
            SealedSecret token,
            SealedSecret encodingAesKey,
            SealedSecret previousEncodingAesKey,
            Instant now) {
        Bson previous = previousEncodingAesKey == null
                ? Updates.unset("previousEncodingAesKey")
                : Updates.set("previousEncodingAesKey", previousEncodingAesKey.toDocument());
        return Mono.from(components.findOneAndUpdate(
                        Filters.eq("_id", componentAppId),
                        Updates.combine(
                                Updates.set("appSecret", appSecret.toDocument()),
                                Updates.set("token", token.toDocument()),
                                Updates.set("encodingAesKey", encodingAesKey.toDocument()),
                                previous,
                                Updates.setOnInsert("createdAt", Date.from(now)),
                                Updates.set("updatedAt", Date.from(now))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(ComponentRepository::fromDocument);
    }

    /**
     * Stores the ticket only if the component has none or an older one (by WeChat's CreateTime), so a redelivered
     * or late push never replaces a newer ticket. False when it was not newer (or the component is unknown).
     */
    Mono<Boolean> storeTicketIfNewer(String componentAppId, SealedSecret ticket, long createTime, Instant receivedAt) {
        return ById.update(
                components,
                componentAppId,
                Filters.or(Filters.eq("ticket", null), Filters.lt("ticket.createTime", createTime)),
                Updates.set(
                        "ticket",
                        new Document("value", ticket.toDocument())
                                .append("createTime", createTime)
                                .append("receivedAt", Date.from(receivedAt))));
    }

    private static PlatformComponent fromDocument(Document d) {
        Document ticket = d.get("ticket", Document.class);
        return new PlatformComponent(
                d.getString("_id"),
                sealed(d, "appSecret"),
                sealed(d, "token"),
                sealed(d, "encodingAesKey"),
                sealed(d, "previousEncodingAesKey"),
                ticket == null
                        ? null
                        : new PlatformComponent.Ticket(
                                sealed(ticket, "value"),
                                ((Number) ticket.get("createTime")).longValue(),
                                ticket.getDate("receivedAt").toInstant()),
                d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant());
    }

    private static SealedSecret sealed(Document d, String field) {
        return SealedSecret.fromDocument(d.get(field, Document.class));
    }
}
