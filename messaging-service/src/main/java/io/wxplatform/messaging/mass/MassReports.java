package io.wxplatform.messaging.mass;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.wechat.protocol.MassSendJobFinishEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * WeChat's MASSSENDJOBFINISH reports, {@code mass_reports} {@code {_id: appId|msgId, appId, msgId, status (WeChat's),
 * totalCount, filterCount, sentCount, errorCount, copyrightCheckState?, at}}: each is stored, then applied to the SENT
 * batch with that msg_id, which becomes DELIVERED (WeChat's {@code send success}) or FAILED (category {@code
 * DELIVERY_FAILED}) with the counts as its {@code report}. A report may arrive before the dispatcher recorded the
 * msg_id; the dispatcher applies it once it has ({@link MassBatchKind#finished}). The transition is one conditional
 * update from SENT, so whichever side comes second does nothing.
 */
@Component
public class MassReports {

    static final String COLLECTION = "mass_reports";
    private static final String[] COUNTS = {"totalCount", "filterCount", "sentCount", "errorCount"};

    private final MongoCollection<Document> collection;
    private final OutboundMessages outbound;

    MassReports(MongoDatabase database, OutboundMessages outbound) {
        this.collection = database.getCollection(COLLECTION);
        this.outbound = outbound;
    }

    /** The inbound handler's delegation (inbound.InboundEvents): acts on MASSSENDJOBFINISH only. */
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof MassSendJobFinishEvent finish) || finish.msgId() == null) {
            return Mono.empty();
        }
        List<Bson> report = new ArrayList<>(List.of(
                Updates.setOnInsert("appId", event.appId()),
                Updates.setOnInsert("msgId", finish.msgId()),
                Updates.setOnInsert("status", finish.status()),
                Updates.setOnInsert("succeeded", finish.succeeded()),
                Updates.setOnInsert("totalCount", finish.totalCount()),
                Updates.setOnInsert("filterCount", finish.filterCount()),
                Updates.setOnInsert("sentCount", finish.sentCount()),
                Updates.setOnInsert("errorCount", finish.errorCount()),
                Updates.setOnInsert("at", Date.from(Instant.ofEpochSecond(event.createTime())))));
        if (finish.copyrightCheckState() != null) {
            report.add(Updates.setOnInsert("copyrightCheckState", finish.copyrightCheckState()));
        }
        return Mono.from(collection.updateOne(
                        eq("_id", event.appId() + "|" + finish.msgId()),
                        Updates.combine(report),
                        new UpdateOptions().upsert(true)))
                .then(apply(event.appId(), finish.msgId()));
    }

    /** Applies the stored report of {@code msgId}, if any, to its SENT batch. */
    Mono<Void> apply(String appId, String msgId) {
        return Mono.from(collection.find(eq("_id", appId + "|" + msgId)).first())
                .flatMap(stored -> {
                    boolean succeeded = Boolean.TRUE.equals(stored.getBoolean("succeeded"));
                    Document counts = new Document("status", stored.getString("status"));
                    for (String count : COUNTS) {
                        counts.append(count, stored.getInteger(count));
                    }
                    if (stored.getInteger("copyrightCheckState") != null) {
                        counts.append("copyrightCheckState", stored.getInteger("copyrightCheckState"));
                    }
                    List<Bson> outcome = new ArrayList<>(List.of(Updates.set("report", counts)));
                    if (!succeeded) {
                        outcome.add(Updates.set("category", "DELIVERY_FAILED"));
                        outcome.add(Updates.set("detail", "WeChat reported " + stored.getString("status")));
                    }
                    return outbound.reported(
                            appId,
                            msgId,
                            MassBatchKind.MSG_TYPE,
                            succeeded ? OutboundStatus.DELIVERED : OutboundStatus.FAILED,
                            outcome,
                            stored.getDate("at").toInstant());
                })
                .then();
    }
}
