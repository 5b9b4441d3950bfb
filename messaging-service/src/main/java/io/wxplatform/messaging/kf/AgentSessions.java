package io.wxplatform.messaging.kf;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.wechat.protocol.KfSessionEvent;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Followers' agent sessions as WeChat's kf_* events told them, {@code agent_sessions} {@code {_id: appId|openId,
 * tenantId, appId, openId, kfAccount, open, fromKfAccount?, changedAt}}: the event's time decides, so a late or
 * redelivered older event never overwrites a newer state (one conditional upsert per event).
 */
@Component
public class AgentSessions {

    static final String COLLECTION = "agent_sessions";

    private final MongoCollection<Document> collection;

    AgentSessions(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Bean
    static Indexes agentSessionIndexes() {
        return Indexes.on(COLLECTION, new IndexModel(ascending("appId", "tenantId")));
    }

    /** A session as the tenant sees it. */
    record Recorded(String openId, String kfAccount, boolean open, String fromKfAccount, Instant changedAt) {}

    /** The inbound consumer's delegation: acts on kf_create_session, kf_switch_session and kf_close_session. */
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof KfSessionEvent kf)) {
            return Mono.empty();
        }
        Date at = Date.from(Instant.ofEpochSecond(event.createTime()));
        String id = event.appId() + "|" + event.openId();
        return Mono.from(collection.updateOne(
                        and(eq("_id", id), or(exists("changedAt", false), lte("changedAt", at))),
                        Updates.combine(
                                Updates.setOnInsert("tenantId", event.tenantId()),
                                Updates.setOnInsert("appId", event.appId()),
                                Updates.setOnInsert("openId", event.openId()),
                                Updates.set("kfAccount", kf.kfAccount()),
                                Updates.set("open", kf.open()),
                                Updates.set("fromKfAccount", kf.fromKfAccount()),
                                Updates.set("changedAt", at)),
                        new UpdateOptions().upsert(true)))
                .onErrorResume(AgentSessions::newerHeld, error -> Mono.empty())
                .then();
    }

    Flux<Recorded> list(String tenantId, String appId) {
        return Flux.from(collection
                        .find(and(eq("appId", appId), eq("tenantId", tenantId)))
                        .sort(ascending("openId")))
                .map(doc -> new Recorded(
                        doc.getString("openId"),
                        doc.getString("kfAccount"),
                        Boolean.TRUE.equals(doc.getBoolean("open")),
                        doc.getString("fromKfAccount"),
                        doc.getDate("changedAt").toInstant()));
    }

    /** The upsert's filter missed because a newer (or the same) event is held: its insert hits the _id. */
    private static boolean newerHeld(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
