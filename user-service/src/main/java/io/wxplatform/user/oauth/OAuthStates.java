package io.wxplatform.user.oauth;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.wechat.api.OAuthScope;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The platform's own OAuth state, {@code oauth_states {_id: state, tenantId, appId, redirectUri, scope, tenantState,
 * createdAt, expiresAt, claimedAt}}: created when a browser is sent to WeChat, claimed once, atomically, when it
 * comes back. A replayed, unknown or expired state claims nothing. The TTL index only cleans up.
 */
@Repository
class OAuthStates {

    static final String COLLECTION = "oauth_states";

    private final MongoCollection<Document> states;
    private final Clock clock;
    private final OAuthProperties properties;

    OAuthStates(MongoDatabase database, Clock clock, OAuthProperties properties) {
        this.states = database.getCollection(COLLECTION);
        this.clock = clock;
        this.properties = properties;
    }

    @Bean
    static Indexes oauthStateIndexes() {
        return Indexes.on(COLLECTION, Indexes.expiringAt("expiresAt"));
    }

    /** Stores the pending authorization; emits the state to give WeChat. */
    Mono<String> create(PendingAuthorization pending) {
        String state = Randoms.value();
        Document doc = new Document("_id", state)
                .append("tenantId", pending.tenantId())
                .append("appId", pending.appId())
                .append("redirectUri", pending.redirectUri())
                .append("scope", pending.scope().value())
                .append("tenantState", pending.tenantState())
                .append("createdAt", Date.from(clock.instant()))
                .append("expiresAt", Date.from(clock.instant().plus(properties.stateLifetime())))
                .append("claimedAt", null);
        return Mono.from(states.insertOne(doc)).thenReturn(state);
    }

    /** The pending authorization, once: empty for a state that is unknown, of another account, expired or claimed. */
    Mono<PendingAuthorization> claim(String appId, String state) {
        if (state == null || state.isBlank()) {
            return Mono.empty();
        }
        Date now = Date.from(clock.instant());
        return Mono.from(states.findOneAndUpdate(
                        and(eq("_id", state), eq("appId", appId), eq("claimedAt", null), gt("expiresAt", now)),
                        Updates.set("claimedAt", now)))
                .map(doc -> new PendingAuthorization(
                        doc.getString("tenantId"),
                        doc.getString("appId"),
                        doc.getString("redirectUri"),
                        OAuthScope.parse(doc.getString("scope")).orElseThrow(),
                        doc.getString("tenantState")));
    }
}
