package io.wxplatform.user.oauth;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The accounts' redirect_uri allowlists, {@code oauth_clients {_id: appId, tenantId, redirectUris, updatedAt}}: one
 * document per account, replaced whole by its tenant.
 */
@Repository
class OAuthClients {

    static final String COLLECTION = "oauth_clients";

    record Client(String tenantId, String appId, List<String> redirectUris) {}

    private final MongoCollection<Document> clients;
    private final Clock clock;

    OAuthClients(MongoDatabase database, Clock clock) {
        this.clients = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    Mono<Client> replace(String tenantId, String appId, List<String> redirectUris) {
        Document doc = new Document("_id", appId)
                .append("tenantId", tenantId)
                .append("redirectUris", redirectUris)
                .append("updatedAt", Date.from(clock.instant()));
        return Mono.from(clients.replaceOne(eq("_id", appId), doc, new ReplaceOptions().upsert(true)))
                .thenReturn(new Client(tenantId, appId, redirectUris));
    }

    /** The account's allowlist as its tenant set it; empty when none is set (nothing is allowed). */
    Mono<Client> ofTenant(String tenantId, String appId) {
        return Mono.from(clients.find(and(eq("_id", appId), eq("tenantId", tenantId)))
                        .first())
                .map(OAuthClients::client);
    }

    /** For the public paths, which know only the appId. */
    Mono<Client> of(String appId) {
        return Mono.from(clients.find(eq("_id", appId)).first()).map(OAuthClients::client);
    }

    private static Client client(Document doc) {
        return new Client(doc.getString("tenantId"), doc.getString("_id"), doc.getList("redirectUris", String.class));
    }
}
