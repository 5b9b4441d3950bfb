package io.wxplatform.messaging.template;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.wechat.protocol.TemplateSendJobFinishEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * WeChat's TEMPLATESENDJOBFINISH reports, {@code template_reports} {@code {_id: appId|msgId, appId, msgId, status
 * (WeChat's), outcome, at}}: each is stored, then applied to the SENT send with that WeChat msgid: {@code success} → DELIVERED, {@code
 * failed:user block} → REFUSED_BY_USER, other failures → FAILED. A report may arrive before the dispatcher recorded the
 * msgid; the dispatcher then applies it once it has ({@link TemplateSendKind#finished}). The transition is one
 * conditional update from SENT, so whichever side comes second finds nothing to do and the summary counts once.
 */
@Component
public class TemplateReports {

    static final String COLLECTION = "template_reports";

    private final MongoCollection<Document> collection;
    private final OutboundMessages outbound;
    private final TemplateDeliveries deliveries;

    TemplateReports(MongoDatabase database, OutboundMessages outbound, TemplateDeliveries deliveries) {
        this.collection = database.getCollection(COLLECTION);
        this.outbound = outbound;
        this.deliveries = deliveries;
    }

    /** The inbound consumer's delegation (window.Interactions): acts on TEMPLATESENDJOBFINISH only. */
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof TemplateSendJobFinishEvent finish) || finish.msgId() == null) {
            return Mono.empty();
        }
        Instant at = Instant.ofEpochSecond(event.createTime());
        OutboundStatus outcome = finish.succeeded()
                ? OutboundStatus.DELIVERED
                : finish.userBlocked() ? OutboundStatus.REFUSED_BY_USER : OutboundStatus.FAILED;
        return Mono.from(collection.updateOne(
                        eq("_id", event.appId() + "|" + finish.msgId()),
                        Updates.combine(
                                Updates.setOnInsert("appId", event.appId()),
                                Updates.setOnInsert("msgId", finish.msgId()),
                                Updates.setOnInsert("status", finish.status()),
                                Updates.setOnInsert("outcome", outcome.name()),
                                Updates.setOnInsert("at", Date.from(at))),
                        new UpdateOptions().upsert(true)))
                .then(apply(event.appId(), finish.msgId()));
    }

    /** Applies the stored report of {@code msgId}, if any, to its SENT send. */
    Mono<Void> apply(String appId, String msgId) {
        return Mono.from(collection.find(eq("_id", appId + "|" + msgId)).first())
                .flatMap(report -> {
                    String wechatStatus = report.getString("status");
                    OutboundStatus status = OutboundStatus.valueOf(report.getString("outcome"));
                    List<Bson> outcome = status == OutboundStatus.FAILED
                            ? List.of(
                                    Updates.set("category", "DELIVERY_FAILED"),
                                    Updates.set("detail", "WeChat reported " + wechatStatus))
                            : List.of(Updates.set("detail", "WeChat reported " + wechatStatus));
                    return outbound.reported(
                                    appId,
                                    msgId,
                                    status,
                                    outcome,
                                    report.getDate("at").toInstant())
                            .flatMap(send -> deliveries.count(send, status));
                });
    }
}
