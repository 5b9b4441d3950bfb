package io.wxplatform.messaging.subscribe;

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
import io.wxplatform.wechat.protocol.SubscribeMsgChangeEvent;
import io.wxplatform.wechat.protocol.SubscribeMsgPopupEvent;
import io.wxplatform.wechat.protocol.SubscriptionChoice;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each follower's consent per subscription-notification template, {@code subscription_consents} {@code {_id:
 * appId|openId|templateId, tenantId, appId, openId, templateId, status (accept | reject), source (POPUP | CHANGE |
 * WECHAT_43101), changedAt}}, from WeChat's popup and change events: the event's time decides (one conditional
 * upsert each), so a late or redelivered older event never overrides a newer choice. WeChat's own 43101 to a send
 * records a reject too: the platform's belief was stale.
 */
@Component
public class SubscriptionConsents {

    static final String COLLECTION = "subscription_consents";

    private final MongoCollection<Document> collection;

    SubscriptionConsents(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Bean
    static Indexes subscriptionConsentIndexes() {
        return Indexes.on(COLLECTION, new IndexModel(ascending("appId", "openId")));
    }

    /** A consent as the tenant sees it. */
    record Consent(String templateId, String status, String source, Instant changedAt) {}

    /** The inbound consumer's delegation: acts on subscribe_msg_popup_event and subscribe_msg_change_event. */
    public Mono<Void> handle(InboundEvent event) {
        List<SubscriptionChoice> choices;
        String source;
        if (event.message() instanceof SubscribeMsgPopupEvent popup) {
            choices = popup.choices();
            source = "POPUP";
        } else if (event.message() instanceof SubscribeMsgChangeEvent change) {
            choices = change.choices();
            source = "CHANGE";
        } else {
            return Mono.empty();
        }
        Instant at = Instant.ofEpochSecond(event.createTime());
        return Flux.fromIterable(choices)
                .concatMap(choice -> record(
                        event.tenantId(),
                        event.appId(),
                        event.openId(),
                        choice.templateId(),
                        choice.status(),
                        source,
                        at))
                .then();
    }

    /** Whether the follower's latest recorded choice for the template is accept. */
    Mono<Boolean> accepted(String appId, String openId, String templateId) {
        return Mono.from(collection
                        .find(eq("_id", id(appId, openId, templateId)))
                        .first())
                .map(doc -> SubscriptionChoice.ACCEPT.equals(doc.getString("status")))
                .defaultIfEmpty(false);
    }

    Mono<Void> record(
            String tenantId, String appId, String openId, String templateId, String status, String source, Instant at) {
        Date when = Date.from(at);
        return Mono.from(collection.updateOne(
                        and(
                                eq("_id", id(appId, openId, templateId)),
                                or(exists("changedAt", false), lte("changedAt", when))),
                        Updates.combine(
                                Updates.setOnInsert("tenantId", tenantId),
                                Updates.setOnInsert("appId", appId),
                                Updates.setOnInsert("openId", openId),
                                Updates.setOnInsert("templateId", templateId),
                                Updates.set("status", status),
                                Updates.set("source", source),
                                Updates.set("changedAt", when)),
                        new UpdateOptions().upsert(true)))
                .onErrorResume(SubscriptionConsents::newerHeld, error -> Mono.empty())
                .then();
    }

    Flux<Consent> of(String tenantId, String appId, String openId) {
        return Flux.from(collection
                        .find(and(eq("appId", appId), eq("openId", openId), eq("tenantId", tenantId)))
                        .sort(ascending("templateId")))
                .map(doc -> new Consent(
                        doc.getString("templateId"),
                        doc.getString("status"),
                        doc.getString("source"),
                        doc.getDate("changedAt").toInstant()));
    }

    private static String id(String appId, String openId, String templateId) {
        return appId + "|" + openId + "|" + templateId;
    }

    /** The upsert's filter missed because a newer choice is held: its insert hits the _id. */
    private static boolean newerHeld(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
