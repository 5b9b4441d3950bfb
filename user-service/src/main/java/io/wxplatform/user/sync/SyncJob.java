package io.wxplatform.user.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One account's full sync: {@code sync_jobs {_id: appId, tenantId, state, cursor, total, synced, startedAt,
 * finishedAt, updatedAt, leaseUntil, worker, error, unlisted}}. {@code cursor} is the next_openid of the first page not yet
 * stored, so a job taken over after a restart re-reads at most one page.
 *
 * @param total       followers WeChat reported on the last page read; -1 before the first
 * @param pausedUntil when a paused job goes on (a daily limit reached, WeChat busy), with {@code pauseReason}
 * @param unlisted    followers the directory had as subscribed that WeChat no longer listed, marked unsubscribed
 *                    when the job finished
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncJob(
        String tenantId,
        String appId,
        State state,
        @JsonIgnore String cursor,
        long total,
        long synced,
        Instant startedAt,
        Instant finishedAt,
        String error,
        Instant pausedUntil,
        String pauseReason,
        Long unlisted) {

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    /** When the job should end at its pace so far; null before any progress or once finished. */
    @JsonProperty("estimatedEndAt")
    public Instant estimatedEndAt() {
        if (state != State.RUNNING || synced <= 0 || total <= 0 || startedAt == null) {
            return null;
        }
        Duration elapsed = Duration.between(startedAt, Instant.now());
        return startedAt.plus(elapsed.multipliedBy(total).dividedBy(synced));
    }

    static SyncJob fromDocument(Document doc) {
        return new SyncJob(
                doc.getString("tenantId"),
                doc.getString("_id"),
                State.valueOf(doc.getString("state")),
                doc.getString("cursor"),
                number(doc, "total"),
                number(doc, "synced"),
                instant(doc, "startedAt"),
                instant(doc, "finishedAt"),
                doc.getString("error"),
                instant(doc, "pausedUntil"),
                doc.getString("pauseReason"),
                doc.get("unlisted") instanceof Number n ? n.longValue() : null);
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Instant instant(Document doc, String field) {
        Date value = doc.getDate(field);
        return value == null ? null : value.toInstant();
    }
}
