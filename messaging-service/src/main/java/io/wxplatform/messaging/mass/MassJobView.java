package io.wxplatform.messaging.mass;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.messaging.send.OutboundStatus;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A mass job as the tenant sees it: what was sent to whom, its {@code status} (ACCEPTED → SENDING → SENT (every batch
 * sent, reports awaited) → FINISHED (every sent batch reported), or FAILED when no batch went out), its progress
 * summed over the batches, and each batch with WeChat's msg_id and its MASSSENDJOBFINISH counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MassJobView(
        String id,
        String tenantId,
        String appId,
        String target,
        Long tagId,
        Integer openIdCount,
        String msgType,
        String content,
        String status,
        int batchCount,
        Progress progress,
        List<Batch> batches,
        Instant createdAt,
        Instant deletedAt,
        String statusUrl) {

    /** Batches by status, and WeChat's counts summed over the reported ones. */
    public record Progress(
            int accepted,
            int sent,
            int delivered,
            int failed,
            long totalCount,
            long filterCount,
            long sentCount,
            long errorCount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Batch(
            int index,
            String clientMsgId,
            Integer openIdCount,
            String status,
            Integer attempts,
            String msgId,
            Integer errcode,
            String category,
            String detail,
            Instant finishedAt,
            Instant reportedAt,
            Report report) {}

    /** WeChat's MASSSENDJOBFINISH: its status, counts and, for articles, the copyright check's state. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(
            String status,
            Integer totalCount,
            Integer filterCount,
            Integer sentCount,
            Integer errorCount,
            Integer copyrightCheckState) {}

    static MassJobView of(Document job, List<Document> batchDocs) {
        List<Batch> batches = batchDocs.stream().map(MassJobView::batch).toList();
        int batchCount = job.getInteger("batchCount");
        int accepted = batchCount - batches.size();
        int sent = 0;
        int delivered = 0;
        int failed = 0;
        long total = 0;
        long filter = 0;
        long sentCount = 0;
        long errors = 0;
        boolean attempted = false;
        for (Batch batch : batches) {
            attempted |= batch.attempts() != null && batch.attempts() > 0;
            switch (OutboundStatus.valueOf(batch.status())) {
                case ACCEPTED -> accepted++;
                case SENT -> sent++;
                case DELIVERED -> delivered++;
                default -> failed++;
            }
            if (batch.report() != null) {
                total += orZero(batch.report().totalCount());
                filter += orZero(batch.report().filterCount());
                sentCount += orZero(batch.report().sentCount());
                errors += orZero(batch.report().errorCount());
            }
        }
        String status = accepted > 0
                ? (attempted || sent + delivered + failed > 0 ? "SENDING" : "ACCEPTED")
                : failed == batchCount ? "FAILED" : sent > 0 ? "SENT" : "FINISHED";
        String tenantId = job.getString("tenantId");
        String appId = job.getString("appId");
        String id = job.getString("_id");
        return new MassJobView(
                id,
                tenantId,
                appId,
                job.getString("target"),
                job.getLong("tagId"),
                job.getInteger("openIdCount"),
                job.getString("msgType"),
                job.getString("content"),
                status,
                batchCount,
                new Progress(accepted, sent, delivered, failed, total, filter, sentCount, errors),
                batches,
                instant(job.getDate("createdAt")),
                instant(job.getDate("deletedAt")),
                statusUrl(tenantId, appId, id));
    }

    static String statusUrl(String tenantId, String appId, String id) {
        return "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/mass-sends/" + id;
    }

    private static Batch batch(Document doc) {
        Document report = doc.get("report", Document.class);
        return new Batch(
                doc.getInteger("batchIndex"),
                doc.getString("_id"),
                doc.getInteger("openIdCount"),
                doc.getString("status"),
                doc.getInteger("attempts"),
                doc.getString("wechatMsgId"),
                doc.getInteger("errcode"),
                doc.getString("category"),
                doc.getString("detail"),
                instant(doc.getDate("finishedAt")),
                instant(doc.getDate("reportedAt")),
                report == null
                        ? null
                        : new Report(
                                report.getString("status"),
                                report.getInteger("totalCount"),
                                report.getInteger("filterCount"),
                                report.getInteger("sentCount"),
                                report.getInteger("errorCount"),
                                report.getInteger("copyrightCheckState")));
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
