package io.wxplatform.messaging.mass;

import io.wxplatform.messaging.send.Dispatcher;
import io.wxplatform.messaging.send.Idempotency;
import io.wxplatform.messaging.send.OutboundMessage;
import io.wxplatform.messaging.send.OutboundMessages;
import io.wxplatform.messaging.send.OutboundStatus;
import io.wxplatform.support.accounts.AccountFacts;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.AccountType;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.MassMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a mass job, in this order: the account is the tenant's and may mass-send (the permission table; an openid
 * list needs {@code MASS_SEND_BY_OPENID} too), the request is valid, a repeated {@code Idempotency-Key} returns the
 * first job, then the account type's quota is taken (409 {@code MASS_QUOTA} with the next allowed time when none is
 * left). Then the job is stored ({@code prepared: false}), its batches are stored as ACCEPTED sends in {@code
 * outbound_messages} (ids = clientmsgids = job id + batch index, so storing them again changes nothing), the job is
 * marked prepared and the batches are handed to send's {@link Dispatcher}. An instance stopping in between leaves
 * the job unprepared for {@link ResumeMassJobs}; the batches already stored are resumed by send's ResumeSends.
 */
@Component
@EnableConfigurationProperties(MassProperties.class)
class MassSends {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatAccounts accounts;
    private final MassJobs jobs;
    private final MassQuotas quotas;
    private final OutboundMessages outbound;
    private final Dispatcher dispatcher;
    private final MassProperties properties;
    private final MassAssets assets;
    private final Clock clock;

    MassSends(
            WeChatAccounts accounts,
            MassJobs jobs,
            MassQuotas quotas,
            OutboundMessages outbound,
            Dispatcher dispatcher,
            MassProperties properties,
            MassAssets assets,
            Clock clock) {
        this.accounts = accounts;
        this.jobs = jobs;
        this.quotas = quotas;
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.assets = assets;
        this.clock = clock;
    }

    record Accepted(MassJobView job, boolean repeat) {}

    Mono<Accepted> accept(String tenantId, String appId, String idempotencyKey, MassSendRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.MASS_SEND))
                .flatMap(facts -> request.openIds() == null
                        ? Mono.just(facts)
                        : accounts.mayCall(tenantId, appId, ApiGroup.MASS_SEND_BY_OPENID))
                .flatMap(facts -> Mono.fromRunnable(() -> request.validateSend(properties.maxOpenIds()))
                        .then(Mono.defer(() -> assets.resolve(appId, request)))
                        .flatMap(resolved -> {
                            // The request as asked is what a repeat is compared with; the job keeps the resolved one.
                            String asked = JSON.writeValueAsString(request);
                            String id = Idempotency.sendId(tenantId, appId, idempotencyKey);
                            return jobs.byId(id)
                                    .flatMap(existing -> repeat(existing, asked))
                                    .switchIfEmpty(
                                            Mono.defer(() -> create(facts, id, idempotencyKey, resolved, asked)));
                        }));
    }

    /** The view of a stored job with its batches. */
    Mono<MassJobView> view(Document job) {
        return jobs.batchesOf(List.of(job.getString("_id"))).collectList().map(batches -> MassJobView.of(job, batches));
    }

    /** Stores the job's batches not yet stored (all of them, the first time), marks it prepared and starts them. */
    Mono<Void> prepare(Document job) {
        MassSendRequest request = JSON.readValue(job.getString("request"), MassSendRequest.class);
        List<Document> batches = batches(job, request);
        return Flux.fromIterable(batches)
                .concatMap(outbound::insert)
                .then(jobs.prepared(job.getString("_id")))
                .then(Mono.fromRunnable(() ->
                        batches.forEach(batch -> dispatcher.start(batch.getString("_id"), batch.getString("appId")))));
    }

    private Mono<Accepted> repeat(Document existing, String json) {
        if (!Idempotency.hash(json).equals(existing.getString("requestHash"))) {
            return Mono.error(new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different mass send"));
        }
        return view(existing).map(view -> new Accepted(view, true));
    }

    /** {@code request} as it is sent (assets resolved); {@code asked}: the request as the tenant sent it. */
    private Mono<Accepted> create(AccountFacts facts, String id, String key, MassSendRequest request, String asked) {
        Instant now = clock.instant();
        MassQuota.Rule rule = rule(facts);
        MassQuota.Window window = rule == null ? null : MassQuota.window(rule.period(), properties.quotaZone(), now);
        Mono<Void> quota = window == null
                ? Mono.empty()
                : quotas.take(facts.appId(), window.key(), rule.sends())
                        .flatMap(taken -> taken ? Mono.<Void>empty() : Mono.error(exhausted(facts, rule, window)));
        Document job = job(facts, id, key, request, asked, now);
        return quota.then(jobs.insert(job)).flatMap(inserted -> {
            if (!inserted) {
                Mono<Void> giveBack = window == null ? Mono.empty() : quotas.giveBack(facts.appId(), window.key());
                return giveBack.then(jobs.byId(id)).flatMap(existing -> repeat(existing, asked));
            }
            return prepare(job).then(view(job)).map(view -> new Accepted(view, false));
        });
    }

    /** The account type's quota; none when no notice said the type yet (WeChat's own 45009 then decides). */
    private MassQuota.Rule rule(AccountFacts facts) {
        AccountType type = AccountType.parse(facts.accountType());
        MassQuota.Rule rule =
                type == null ? null : type == AccountType.SERVICE ? properties.service() : properties.subscription();
        return rule == null || rule.sends() <= 0 ? null : rule;
    }

    private static ApiException exhausted(AccountFacts facts, MassQuota.Rule rule, MassQuota.Window window) {
        String type = facts.accountType().toLowerCase(Locale.ROOT);
        return new ApiException(
                        HttpStatus.CONFLICT,
                        "MASS_QUOTA",
                        "A " + type + " account makes " + rule.sends() + " mass send(s) per "
                                + rule.period().name().toLowerCase(Locale.ROOT) + "; the next is allowed at "
                                + window.nextStart() + " (a preview spends none)")
                .with("nextAllowedAt", window.nextStart().toString())
                .with("limit", rule.sends())
                .with("period", rule.period().name());
    }

    private Document job(
            AccountFacts facts, String id, String key, MassSendRequest request, String asked, Instant now) {
        MassSendRequest.Target target = request.target();
        int batchCount = target == MassSendRequest.Target.OPENIDS
                ? Batches.split(request.distinctOpenIds(), properties.batchSize())
                        .size()
                : 1;
        Document job = new Document("_id", id)
                .append("tenantId", facts.tenantId())
                .append("appId", facts.appId())
                .append("target", target.name())
                .append("msgType", request.msgType())
                .append("content", OutboundMessage.preview(request.preview()))
                .append("request", JSON.writeValueAsString(request))
                .append("requestHash", Idempotency.hash(asked))
                .append("batchCount", batchCount)
                .append("prepared", false)
                .append("createdAt", Date.from(now));
        if (target == MassSendRequest.Target.TAG) {
            job.append("tagId", request.tagId());
        }
        if (target == MassSendRequest.Target.OPENIDS) {
            job.append("openIdCount", request.distinctOpenIds().size());
        }
        if (key != null) {
            job.append("idempotencyKey", key);
        }
        return job;
    }

    /** The job's batches as sends; the same documents every time for one job. */
    private List<Document> batches(Document job, MassSendRequest request) {
        MassSendRequest.Target target = request.target();
        MassMessage message = request.message();
        List<List<String>> slices = target == MassSendRequest.Target.OPENIDS
                ? Batches.split(request.distinctOpenIds(), properties.batchSize())
                : Collections.singletonList(null);
        List<Document> batches = new ArrayList<>();
        for (int index = 0; index < slices.size(); index++) {
            List<String> slice = slices.get(index);
            String json = JSON.writeValueAsString(new BatchRequest(target, request.tagId(), slice, message));
            Document batch = new Document("_id", job.getString("_id") + "-" + index)
                    .append("tenantId", job.getString("tenantId"))
                    .append("appId", job.getString("appId"))
                    .append("msgType", MassBatchKind.MSG_TYPE)
                    .append("massJobId", job.getString("_id"))
                    .append("batchIndex", index)
                    .append("content", job.getString("content"))
                    .append("request", json)
                    .append("requestHash", Idempotency.hash(json))
                    .append("status", OutboundStatus.ACCEPTED.name())
                    .append("attempts", 0)
                    .append("leaseUntil", OutboundMessages.UNCLAIMED)
                    .append("createdAt", job.getDate("createdAt"));
            if (slice != null) {
                batch.append("openIdCount", slice.size());
            }
            batches.add(batch);
        }
        return batches;
    }
}
