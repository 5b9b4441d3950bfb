package io.wxplatform.token.tenant;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.MongoErrors;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Collection {@code tenants}, {@code _id} = tenant id. */
@Repository
class TenantRepository {

    private final MongoCollection<Document> tenants;

    TenantRepository(MongoDatabase database) {
        this.tenants = database.getCollection("tenants");
    }

    /** False when a tenant with that id exists already. */
    Mono<Boolean> insert(Tenant tenant) {
        Document document = new Document("_id", tenant.id())
                .append("name", tenant.name())
                .append("createdAt", Date.from(tenant.createdAt()));
        return Mono.from(tenants.insertOne(document))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
    }

    Mono<Tenant> find(String id) {
        return Mono.from(tenants.find(Filters.eq("_id", id)).first())
                .map(d -> new Tenant(
                        d.getString("_id"),
                        d.getString("name"),
                        d.getDate("createdAt").toInstant()));
    }
}
