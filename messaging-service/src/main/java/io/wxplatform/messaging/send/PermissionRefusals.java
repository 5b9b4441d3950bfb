package io.wxplatform.messaging.send;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.ApiGroup;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * WeChat's own permission refusals (48001) per account and API group, {@code permission_refusals} {@code {_id:
 * appId|group, tenantId, appId, apiGroup, errcode, messageId, at}}: the account passed the permission table, so the
 * type or verification its tenant declared is wrong. The refused send says so in its {@code detail}.
 */
@Repository
class PermissionRefusals {

    static final String COLLECTION = "permission_refusals";

    private final MongoCollection<Document> collection;

    PermissionRefusals(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    Mono<Void> record(String tenantId, String appId, ApiGroup group, int errcode, String messageId, Instant at) {
        return Mono.from(collection.updateOne(
                        eq("_id", appId + "|" + group.name()),
                        Updates.combine(
                                Updates.set("tenantId", tenantId),
                                Updates.set("appId", appId),
                                Updates.set("apiGroup", group.name()),
                                Updates.set("errcode", errcode),
                                Updates.set("messageId", messageId),
                                Updates.set("at", Date.from(at))),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    static String detail(ApiGroup group, int errcode) {
        return "WeChat refused " + group + " for this account (" + errcode + ") although the type and verification"
                + " its tenant declared allow it: the declaration is wrong (recorded on the account)";
    }
}
