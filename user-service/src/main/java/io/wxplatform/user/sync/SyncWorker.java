package io.wxplatform.user.sync;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.user.follower.FollowerRegistry;
import io.wxplatform.wechat.api.Limits;
import io.wxplatform.wechat.api.OpenIdPage;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs sync jobs: claims a running job, pages {@code user/get} from the job's cursor until WeChat's empty last page
 * (never stopping at 10,000), reads each page's followers with {@code batchget} in hundreds, upserts them by
 * {@code _id}, and only then moves the cursor. Stopped (shutdown, crash) mid-page, the job is taken over from its
 * cursor: by this worker when it starts again, by another once the lease has run out.
 */
@Component
@EnableConfigurationProperties(SyncProperties.class)
class SyncWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final String worker = "sync-" + UUID.randomUUID();
    private final SyncJobs jobs;
    private final FollowerRegistry followers;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final SyncProperties properties;
    private final Clock clock;

    SyncWorker(
            SyncJobs jobs,
            FollowerRegistry followers,
            TokenClient tokens,
            WeChatClient wechat,
            SyncProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.followers = followers;
        this.tokens = tokens;
        this.wechat = wechat;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(
                        tick -> runNextJob().onErrorResume(error -> {
                            log.warn("Sync worker step failed: {}", error.toString());
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    private Mono<Void> runNextJob() {
        return jobs.claimable(worker)
                .filterWhen(job -> jobs.claim(job.appId(), worker, leaseEnd()))
                .flatMap(this::run);
    }

    private Mono<Void> run(SyncJob job) {
        log.info(
                "Syncing followers of {} from cursor '{}' ({} stored so far)", job.appId(), job.cursor(), job.synced());
        return syncFrom(job, job.cursor()).onErrorResume(WeChatApiException.class, error -> failed(job, error));
    }

    private Mono<Void> syncFrom(SyncJob job, String cursor) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jobs.countUserGet(job.appId(), worker, today)
                .flatMap(calls ->
                        calls > properties.userGetDailyLimit() ? pauseUntilTomorrow(job, today) : page(job, cursor));
    }

    /** WeChat's user/get quota is per day: the job keeps its cursor and goes on after midnight (UTC). */
    private Mono<Void> pauseUntilTomorrow(SyncJob job, LocalDate today) {
        log.info(
                "Sync of {} reached {} user/get calls today; resuming tomorrow",
                job.appId(),
                properties.userGetDailyLimit());
        return jobs.release(
                        job.appId(),
                        worker,
                        today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        "USER_GET_DAILY_LIMIT")
                .then();
    }

    private Mono<Void> page(SyncJob job, String cursor) {
        return tokens.withToken(job.appId(), token -> wechat.users().list(job.appId(), token, cursor))
                .flatMap(page -> store(job, page)
                        .then(jobs.advance(
                                job.appId(),
                                worker,
                                page.nextOpenId(),
                                page.openIds().size(),
                                page.total(),
                                leaseEnd()))
                        .flatMap(stillOurs -> {
                            if (!stillOurs) {
                                log.info("Sync of {} was taken over by another worker", job.appId());
                                return Mono.empty();
                            }
                            return page.last() ? finish(job) : Mono.defer(() -> syncFrom(job, page.nextOpenId()));
                        }));
    }

    private Mono<Void> store(SyncJob job, OpenIdPage page) {
        return Flux.fromIterable(batches(page.openIds()))
                .flatMapSequential(
                        batch -> tokens.withToken(
                                job.appId(), token -> wechat.users().batchGet(job.appId(), token, batch)),
                        properties.batchConcurrency())
                .concatMap(infos -> followers.upsertFromWeChat(job.tenantId(), job.appId(), infos, job.startedAt()))
                .then();
    }

    /**
     * WeChat listed every follower it has: those of the directory still subscribed that this run did not store (and
     * that no event showed since it started) have left without us hearing it.
     */
    private Mono<Void> finish(SyncJob job) {
        return followers
                .unsubscribeUnlisted(job.appId(), job.startedAt())
                .flatMap(unlisted -> jobs.finish(job.appId(), worker, SyncJob.State.DONE, null, unlisted)
                        .doOnNext(done -> log.info(
                                "Sync of {} done; {} followers WeChat no longer lists marked unsubscribed",
                                job.appId(),
                                unlisted)))
                .then();
    }

    /** A retryable failure gives the job back for later; any other ends it, saying why. */
    private Mono<Void> failed(SyncJob job, WeChatApiException error) {
        if (error.isRetryable()) {
            log.warn("Sync of {} paused, will resume from its cursor: {}", job.appId(), error.getMessage());
            return jobs.release(job.appId(), worker, clock.instant().plus(RETRY_AFTER), "WECHAT_UNAVAILABLE")
                    .then();
        }
        log.warn("Sync of {} failed: {}", job.appId(), error.getMessage());
        return jobs.finish(
                        job.appId(),
                        worker,
                        SyncJob.State.FAILED,
                        "WeChat errcode " + error.errcode() + " (" + error.category() + ")")
                .then();
    }

    private Instant leaseEnd() {
        return clock.instant().plus(properties.lease());
    }

    private static List<List<String>> batches(List<String> openIds) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < openIds.size(); from += Limits.BATCH_GET) {
            batches.add(openIds.subList(from, Math.min(openIds.size(), from + Limits.BATCH_GET)));
        }
        return batches;
    }
}
