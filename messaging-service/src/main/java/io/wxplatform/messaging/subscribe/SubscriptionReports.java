package io.wxplatform.messaging.subscribe;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.wechat.protocol.SubscribeMsgSentEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WeChat's subscribe_msg_sent_event reports, {@code subscription_reports} {@code {_id: appId|openId|msgId, appId,
 * openId, templateId, msgId, errorCode, errorStatus, outcome, at, applied}}. bizsend answers no msgid, so a report is
 * matched to the follower's oldest SENT notification of that template: DELIVERED (ErrorCode 0), REFUSED_BY_USER
 * ({@code failed:user block}) or FAILED. A report may arrive before the dispatcher recorded SENT; the dispatcher then
 * applies it ({@link SubscriptionSendKind#finished}). Each report is claimed ({@code applied}) before it moves a send
 * and given back when no send was there to move, so it moves at most one; a SENT record that slipped in between the
 * claim and its release is applied by whoever released.
 */
@Component
public class SubscriptionReports {

    static final String COLLECTION = "subscription_reports";

    private final MongoCollection<Document> collection;
    private final OutboundMessages outbound;

    SubscriptionReports(MongoDatabase database, OutboundMessages outbound) {
        this.collection = database.getCollection(COLLECTION);
        this.outbound = outbound;
    }

    @Bean
    static Indexes subscriptionReportIndexes() {
        return Indexes.on(COLLECTION, new IndexModel(ascending("appId", "openId", "templateId", "applied")));
    }

    /** The inbound consumer's delegation: acts on subscribe_msg_sent_event only. */
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof SubscribeMsgSentEvent sent)) {
            return Mono.empty();
        }
        Date at = Date.from(Instant.ofEpochSecond(event.createTime()));
        return Flux.fromIterable(sent.sent())
                .concatMap(report -> Mono.from(collection.updateOne(
                                eq("_id", event.appId() + "|" + event.openId() + "|" + report.msgId()),
                                Updates.combine(
                                        Updates.setOnInsert("appId", event.appId()),
                                        Updates.setOnInsert("openId", event.openId()),
                                        Updates.setOnInsert("templateId", report.templateId()),
                                        Updates.setOnInsert("msgId", report.msgId()),
                                        Updates.setOnInsert("errorCode", report.errorCode()),
                                        Updates.setOnInsert("errorStatus", report.errorStatus()),
                                        Updates.setOnInsert(
                                                "outcome", outcome(report).name()),
                                        Updates.setOnInsert("at", at),
                                        Updates.setOnInsert("applied", false)),
                                new UpdateOptions().upsert(true)))
                        .then(apply(event.appId(), event.openId(), report.templateId())))
                .then();
    }

    /** Applies the follower's unapplied reports of the template, oldest first, each to one SENT notification. */
    Mono<Void> apply(String appId, String openId, String templateId) {
        Bson pending =
                and(eq("appId", appId), eq("openId", openId), eq("templateId", templateId), eq("applied", false));
        return Mono.from(collection.findOneAndUpdate(
                        pending,
                        Updates.set("applied", true),
                        new FindOneAndUpdateOptions().sort(ascending("at", "msgId"))))
                .flatMap(report -> move(report)
                        .hasElement()
                        .flatMap(moved -> moved
                                ? apply(appId, openId, templateId)
                                : Mono.from(collection.updateOne(
                                                eq("_id", report.getString("_id")), Updates.set("applied", false)))
                                        .then(againIfSentMeanwhile(appId, openId, templateId))));
    }

    /**
     * The dispatcher may have recorded SENT, and found this report claimed, between this claim and its release: then
     * nobody else will apply it, so this does. Ends once no SENT notification is left to move.
     */
    private Mono<Void> againIfSentMeanwhile(String appId, String openId, String templateId) {
        return outbound.anySent(notifications(appId, openId, templateId))
                .flatMap(sent -> sent ? apply(appId, openId, templateId) : Mono.empty());
    }

    private static Bson notifications(String appId, String openId, String templateId) {
        return and(
                eq("appId", appId),
                eq("openId", openId),
                eq("templateId", templateId),
                eq("msgType", SubscriptionSends.MSG_TYPE));
    }

    /** Moves the oldest SENT notification the report is about; emits the send, empty when none was SENT. */
    private Mono<Document> move(Document report) {
        OutboundStatus status = OutboundStatus.valueOf(report.getString("outcome"));
        String detail = "WeChat reported " + report.getInteger("errorCode") + " " + report.getString("errorStatus");
        List<Bson> outcome = status == OutboundStatus.FAILED
                ? List.of(
                        Updates.set("category", "DELIVERY_FAILED"),
                        Updates.set("detail", detail),
                        Updates.set("wechatMsgId", report.getString("msgId")))
                : List.of(Updates.set("detail", detail), Updates.set("wechatMsgId", report.getString("msgId")));
        return outbound.reportedOldest(
                notifications(report.getString("appId"), report.getString("openId"), report.getString("templateId")),
                status,
                outcome,
                report.getDate("at").toInstant());
    }

    private static OutboundStatus outcome(SubscribeMsgSentEvent.Sent report) {
        if (report.delivered()) {
            return OutboundStatus.DELIVERED;
        }
        return report.userBlocked() ? OutboundStatus.REFUSED_BY_USER : OutboundStatus.FAILED;
    }
}
