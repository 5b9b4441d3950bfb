package io.wxplatform.messaging.mass;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mass-send calls made within a request (WeChat's refusal answers it, as token-client's WeChatCallProblems says):
 * a preview to one follower (no quota spent), the WeChat status of a job's sent messages, and their deletion. Each
 * passes the account gate (owner, then the permission table's MASS_SEND) before any call.
 */
@Component
class MassCalls {

    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final MassJobs jobs;
    private final MassAssets assets;
    private final Clock clock;

    MassCalls(
            WeChatAccounts accounts,
            TokenClient tokens,
            WeChatClient wechat,
            MassJobs jobs,
            MassAssets assets,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.wechat = wechat;
        this.jobs = jobs;
        this.assets = assets;
        this.clock = clock;
    }

    /** {@code {openId, msgType, msgId}} of a preview WeChat showed the follower. */
    record Preview(String openId, String msgType, String msgId) {}

    /** WeChat's {@code msg_status} of one sent batch. */
    record MessageStatus(int batchIndex, String msgId, String msgStatus) {}

    record JobStatus(String jobId, List<MessageStatus> messages) {}

    Mono<Preview> preview(String tenantId, String appId, MassSendRequest request) {
        return accounts.mayCall(tenantId, appId, ApiGroup.MASS_SEND)
                .then(Mono.fromRunnable(request::validatePreview))
                .then(Mono.defer(() -> assets.resolve(appId, request)))
                .flatMap(resolved -> tokens.withToken(
                        appId, token -> wechat.mass().preview(appId, token, resolved.openId(), resolved.message())))
                .map(msgId -> new Preview(request.openId(), request.msgType(), msgId));
    }

    Mono<JobStatus> status(String tenantId, String appId, Document job) {
        return accounts.mayCall(tenantId, appId, ApiGroup.MASS_SEND)
                .thenMany(sentBatches(job))
                .concatMap(batch -> tokens.withToken(
                                appId, token -> wechat.mass().status(appId, token, batch.getString("wechatMsgId")))
                        .map(status -> new MessageStatus(
                                batch.getInteger("batchIndex"), batch.getString("wechatMsgId"), status)))
                .collectList()
                .map(statuses -> new JobStatus(job.getString("_id"), statuses));
    }

    /** Deletes every sent message of the job (its articles from index {@code articleIdx}, 0 for all). */
    Mono<Void> delete(String tenantId, String appId, Document job, Integer articleIdx) {
        return accounts.mayCall(tenantId, appId, ApiGroup.MASS_SEND)
                .thenMany(sentBatches(job))
                .map(batch -> batch.getString("wechatMsgId"))
                .distinct()
                .concatMap(msgId ->
                        tokens.withToken(appId, token -> wechat.mass().delete(appId, token, msgId, articleIdx)))
                .then(Mono.defer(() -> jobs.deleted(job.getString("_id"), clock.instant())));
    }

    private Flux<Document> sentBatches(Document job) {
        return jobs.batchesOf(List.of(job.getString("_id"))).filter(batch -> batch.getString("wechatMsgId") != null);
    }
}
