package io.wxplatform.user.sync;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code sync_jobs} collection, one document per account ({@code _id: appId}), which also counts the account's
 * user/get calls per day ({@code userGetCalls.<yyyy-MM-dd>}) across syncs. A worker owns a running job while
 * its lease lasts; every write of a worker is conditional on still owning it, so two workers never both advance one.
 */
@Repository
class SyncJobs {

    static final String COLLECTION = "sync_jobs";

    private final MongoCollection<Document> jobs;
    private final Clock clock;

    SyncJobs(MongoDatabase database, Clock clock) {
        this.jobs = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A fresh running job, or the running one if there is one already (starting twice starts once). */
    Mono<SyncJob> start(String tenantId, String appId) {
        Date now = Date.from(clock.instant());
        return Mono.from(jobs.findOneAndUpdate(
                        and(eq("_id", appId), ne("state", SyncJob.State.RUNNING.name())),
                        Updates.combine(
                                Updates.set("tenantId", tenantId),
                                Updates.set("state", SyncJob.State.RUNNING.name()),
                                Updates.set("cursor", ""),
                                Updates.set("total", -1L),
                                Updates.set("synced", 0L),
                                Updates.set("startedAt", now),
                                Updates.unset("finishedAt"),
                                Updates.unset("error"),
                                Updates.unset("unlisted"),
                                Updates.set("updatedAt", now),
                                Updates.set("leaseUntil", new Date(0)),
                                Updates.unset("pausedUntil"),
                                Updates.unset("pauseReason"),
                                Updates.unset("worker")),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                // The job exists and is running: the upsert's insert met its _id.
                .onErrorResume(MongoErrors::isDuplicateKey, running -> find(appId))
                .map(SyncJob::fromDocument);
    }

    /** Starts the account's first sync; true if it did, false when the account had a sync already. */
    Mono<Boolean> startIfNever(String tenantId, String appId) {
        Date now = Date.from(clock.instant());
        return Mono.from(jobs.updateOne(
                        eq("_id", appId),
                        Updates.combine(
                                Updates.setOnInsert("tenantId", tenantId),
                                Updates.setOnInsert("state", SyncJob.State.RUNNING.name()),
                                Updates.setOnInsert("cursor", ""),
                                Updates.setOnInsert("total", -1L),
                                Updates.setOnInsert("synced", 0L),
                                Updates.setOnInsert("startedAt", now),
                                Updates.setOnInsert("updatedAt", now),
                                Updates.setOnInsert("leaseUntil", new Date(0))),
                        new UpdateOptions().upsert(true)))
                .map(result -> result.getUpsertedId() != null);
    }

    Mono<SyncJob> find(String tenantId, String appId) {
        return find(appId).map(SyncJob::fromDocument).filter(job -> tenantId.equals(job.tenantId()));
    }

    /** A running job that no live worker holds (or that this worker held before it was stopped). */
    Mono<SyncJob> claimable(String worker) {
        Date now = Date.from(clock.instant());
        // Not a hot path: one document per account, read once per poll interval.
        return Mono.from(jobs.find(and(
                                eq("state", SyncJob.State.RUNNING.name()),
                                or(lt("leaseUntil", now), eq("worker", worker))))
                        .first())
                .map(SyncJob::fromDocument);
    }

    Mono<Boolean> claim(String appId, String worker, Instant leaseUntil) {
        Date now = Date.from(clock.instant());
        return ById.update(
                jobs,
                appId,
                and(eq("state", SyncJob.State.RUNNING.name()), or(lt("leaseUntil", now), eq("worker", worker))),
                Updates.combine(
                        Updates.set("worker", worker),
                        Updates.set("leaseUntil", Date.from(leaseUntil)),
                        Updates.unset("pausedUntil"),
                        Updates.unset("pauseReason")));
    }

    /** Records a stored page; false when the worker lost the job (another took it over), which must then stop. */
    Mono<Boolean> advance(String appId, String worker, String cursor, long stored, long total, Instant leaseUntil) {
        return ById.update(
                jobs,
                appId,
                owned(worker),
                Updates.combine(
                        Updates.set("cursor", cursor),
                        Updates.inc("synced", stored),
                        Updates.set("total", total),
                        Updates.set("updatedAt", Date.from(clock.instant())),
                        Updates.set("leaseUntil", Date.from(leaseUntil))));
    }

    Mono<Boolean> finish(String appId, String worker, SyncJob.State state, String error) {
        return finish(appId, worker, state, error, null);
    }

    /** As {@link #finish(String, String, SyncJob.State, String)}, saying how many unlisted followers it marked. */
    Mono<Boolean> finish(String appId, String worker, SyncJob.State state, String error, Long unlisted) {
        Date now = Date.from(clock.instant());
        return ById.update(
                jobs,
                appId,
                owned(worker),
                Updates.combine(
                        unlisted == null ? Updates.unset("unlisted") : Updates.set("unlisted", unlisted),
                        Updates.set("state", state.name()),
                        Updates.set("finishedAt", now),
                        Updates.set("updatedAt", now),
                        error == null ? Updates.unset("error") : Updates.set("error", error),
                        Updates.unset("worker")));
    }

    /**
     * Counts one user/get call of the account on {@code day} (kept on the account's job document across syncs) and
     * emits the day's count; empty when the worker lost the job.
     */
    Mono<Long> countUserGet(String appId, String worker, LocalDate day) {
        return Mono.from(jobs.findOneAndUpdate(
                        and(eq("_id", appId), owned(worker)),
                        Updates.inc("userGetCalls." + day, 1L),
                        new FindOneAndUpdateOptions()
                                .returnDocument(ReturnDocument.AFTER)
                                .projection(Projections.include("userGetCalls." + day))))
                .map(doc -> ((Number) doc.get("userGetCalls", Document.class).get(day.toString())).longValue());
    }

    /** Gives a job back for a later try (a retryable failure), keeping its cursor. */
    Mono<Boolean> release(String appId, String worker, Instant retryAt, String reason) {
        return ById.update(
                jobs,
                appId,
                owned(worker),
                Updates.combine(
                        Updates.set("leaseUntil", Date.from(retryAt)),
                        Updates.set("pausedUntil", Date.from(retryAt)),
                        Updates.set("pauseReason", reason),
                        Updates.unset("worker")));
    }

    private static Bson owned(String worker) {
        return and(eq("state", SyncJob.State.RUNNING.name()), eq("worker", worker));
    }

    private Mono<Document> find(String appId) {
        return Mono.from(jobs.find(eq("_id", appId)).first());
    }
}
