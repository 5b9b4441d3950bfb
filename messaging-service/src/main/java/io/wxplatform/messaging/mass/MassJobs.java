package io.wxplatform.messaging.mass;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;
import static com.mongodb.client.model.Indexes.descending;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code mass_jobs} collection, {@code {_id, tenantId, appId, target (ALL|TAG|OPENIDS), tagId?, openIdCount?,
 * msgType, content, request (the body as JSON, openids included, so its batches can be stored again), requestHash,
 * idempotencyKey?, batchCount, prepared, createdAt, deletedAt?}}; and the job's batches, which are sends in
 * send's {@code outbound_messages} (msgType {@value MassBatchKind#MSG_TYPE}, {@code massJobId}, {@code batchIndex}).
 */
@Repository
class MassJobs {

    static final String COLLECTION = "mass_jobs";
    /** A batch's fields a job view needs (not its request, which holds up to 10,000 openids). */
    private static final String[] BATCH_FIELDS = {
        "massJobId",
        "batchIndex",
        "openIdCount",
        "status",
        "errcode",
        "category",
        "detail",
        "attempts",
        "wechatMsgId",
        "finishedAt",
        "reportedAt",
        "report"
    };

    private final MongoCollection<Document> jobs;
    private final OutboundMessages sends;

    MassJobs(MongoDatabase database, OutboundMessages sends) {
        this.jobs = database.getCollection(COLLECTION);
        this.sends = sends;
    }

    @Bean
    static Indexes massJobIndexes() {
        return Indexes.on(
                COLLECTION,
                new IndexModel(compoundIndex(ascending("appId"), descending("createdAt"))),
                new IndexModel(compoundIndex(ascending("prepared", "createdAt"))));
    }

    @Bean
    static Indexes massBatchIndexes() {
        return Indexes.on(
                OutboundMessages.COLLECTION, new IndexModel(compoundIndex(ascending("massJobId", "batchIndex"))));
    }

    /** Emits true when stored, false when a job with this id exists (an idempotent repeat). */
    Mono<Boolean> insert(Document job) {
        return Mono.from(jobs.insertOne(job))
                .thenReturn(true)
                .onErrorResume(MongoErrors::isDuplicateKey, duplicate -> Mono.just(false));
    }

    Mono<Document> byId(String id) {
        return Mono.from(jobs.find(eq("_id", id)).first());
    }

    Mono<Document> of(String tenantId, String appId, String id) {
        return byId(id).filter(
                        job -> tenantId.equals(job.getString("tenantId")) && appId.equals(job.getString("appId")));
    }

    Flux<Document> page(String tenantId, String appId, int skip, int limit) {
        return Flux.from(jobs.find(and(eq("appId", appId), eq("tenantId", tenantId)))
                .projection(Projections.exclude("request"))
                .sort(descending("createdAt"))
                .skip(skip)
                .limit(limit));
    }

    Mono<Long> count(String tenantId, String appId) {
        return Mono.from(jobs.countDocuments(and(eq("appId", appId), eq("tenantId", tenantId))));
    }

    Mono<Void> prepared(String id) {
        return Mono.from(jobs.updateOne(eq("_id", id), Updates.set("prepared", true)))
                .then();
    }

    /** Jobs whose batches were not all stored by {@code before} (the instance storing them stopped). */
    Flux<Document> unprepared(Instant before, int limit) {
        return Flux.from(jobs.find(and(eq("prepared", false), lt("createdAt", Date.from(before))))
                .limit(limit));
    }

    Mono<Void> deleted(String id, Instant at) {
        return Mono.from(jobs.updateOne(eq("_id", id), Updates.set("deletedAt", Date.from(at))))
                .then();
    }

    /** The batches of these jobs, in job and batch order, without their openids. */
    Flux<Document> batchesOf(Collection<String> jobIds) {
        return sends.where(
                in("massJobId", jobIds), Projections.include(BATCH_FIELDS), ascending("massJobId", "batchIndex"));
    }
}
