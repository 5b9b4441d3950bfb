package io.wxplatform.user.sync;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.user.follower.FollowerRegistry;
import io.wxplatform.wechat.api.Limits;
import io.wxplatform.wechat.api.OpenIdPage;
import io.wxplatform.wechat.api.UserInfo;
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
import java.util.concurrent.atomic.AtomicLong;
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
    /** batchget answers (of 100 followers) per bulk write. */
    private static final int WRITE_BATCHES = 10;
    /** Bulk writes in flight for the job. */
    private static final int WRITES_IN_FLIGHT = 2;

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

    /**
     * The job as one pipeline of batchgets: the next page's user/get is asked while the page before is read, and a
     * page's bulk writes overlap the next page's batchgets ({@code batch-concurrency} in flight for the job, as for one
     * page), but the cursor moves one page at a time, in order, each page only once every follower of it is written,
     * so a stop anywhere resumes from a page boundary. {@code false} from {@link SyncJobs#advance} (another worker took
     * the job) ends it; so does the daily user/get limit, which pauses the job once the pages read are stored.
     */
    private Mono<Void> syncFrom(SyncJob job, String cursor) {
        return fetch(job, cursor)
                .expand(page -> page.page().last()
                        ? Mono.empty()
                        : fetch(job, page.page().nextOpenId()))
                .concatMap(page -> Flux.fromIterable(batches(page)), 1)
                .flatMapSequential(batch -> read(job, batch), properties.batchConcurrency())
                // A bulk never spans two pages, so that a page's last bulk written means the page is.
                .bufferUntil(answer ->
                        answer.batch().lastOfPage() || answer.batch().index() % WRITE_BATCHES == WRITE_BATCHES - 1)
                .flatMapSequential(bulk -> write(job, bulk), WRITES_IN_FLIGHT)
                .filter(Batch::lastOfPage)
                .concatMap(batch -> advance(job, batch.page()))
                .takeUntil(stored -> !stored.stillOurs() || stored.page().last())
                .last(new Stored(null, true))
                .flatMap(stored -> {
                    if (!stored.stillOurs()) {
                        log.info("Sync of {} was taken over by another worker", job.appId());
                        return Mono.empty();
                    }
                    return stored.page() != null && stored.page().last() ? finish(job) : pauseUntilTomorrow(job);
                });
    }

    private Mono<Answer> read(SyncJob job, Batch batch) {
        if (batch.openIds().isEmpty()) {
            return Mono.just(new Answer(batch, List.of()));
        }
        PageTimings timings = batch.page().timings();
        return timings.time(
                        tokens.withToken(
                                job.appId(), token -> wechat.users().batchGet(job.appId(), token, batch.openIds())),
                        timings.batchGet)
                .map(infos -> new Answer(batch, infos));
    }

    /** One unordered bulk of upserts for up to {@link #WRITE_BATCHES} batchget answers; emits the bulk's last batch. */
    private Mono<Batch> write(SyncJob job, List<Answer> bulk) {
        Batch last = bulk.get(bulk.size() - 1).batch();
        List<UserInfo> infos = new ArrayList<>(bulk.size() * Limits.BATCH_GET);
        bulk.forEach(answer -> infos.addAll(answer.infos()));
        return last.page()
                .timings()
                .time(
                        followers.upsertFromWeChat(job.tenantId(), job.appId(), infos, job.startedAt()),
                        last.page().timings().writes)
                .thenReturn(last);
    }

    private Mono<Stored> advance(SyncJob job, FetchedPage fetched) {
        OpenIdPage page = fetched.page();
        return fetched.timings()
                .time(
                        jobs.advance(
                                job.appId(),
                                worker,
                                page.nextOpenId(),
                                page.openIds().size(),
                                page.total(),
                                leaseEnd()),
                        fetched.timings().advance)
                .doOnNext(stillOurs ->
                        fetched.timings().log(job.appId(), page.openIds().size()))
                .map(stillOurs -> new Stored(page, stillOurs));
    }

    /** One user/get call, counted against the day's limit; empty once the limit is reached. */
    private Mono<FetchedPage> fetch(SyncJob job, String cursor) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        PageTimings timings = new PageTimings();
        return jobs.countUserGet(job.appId(), worker, today)
                .filter(calls -> calls <= properties.userGetDailyLimit())
                .flatMap(calls -> timings.time(
                        tokens.withToken(job.appId(), token -> wechat.users().list(job.appId(), token, cursor)),
                        timings.list))
                .map(page -> new FetchedPage(page, timings));
    }

    /** WeChat's user/get quota is per day: the job keeps its cursor and goes on after midnight (UTC). */
    private Mono<Void> pauseUntilTomorrow(SyncJob job) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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

    private record FetchedPage(OpenIdPage page, PageTimings timings) {}

    /** Up to 100 openids of a page, the {@code index}-th of it. */
    private record Batch(FetchedPage page, int index, List<String> openIds, boolean lastOfPage) {}

    private record Answer(Batch batch, List<UserInfo> infos) {}

    private record Stored(OpenIdPage page, boolean stillOurs) {}

    /**
     * Where one page's time went (DEBUG): user/get, batchget calls and bulk writes (each the sum over its calls, so
     * concurrent calls add up to more than the page), and the cursor's move; what a slow sync is diagnosed with.
     */
    private static final class PageTimings {

        private final long started = System.nanoTime();
        private final AtomicLong list = new AtomicLong();
        private final AtomicLong batchGet = new AtomicLong();
        private final AtomicLong writes = new AtomicLong();
        private final AtomicLong advance = new AtomicLong();

        <T> Mono<T> time(Mono<T> call, AtomicLong total) {
            return Mono.defer(() -> {
                long start = System.nanoTime();
                Runnable done = () -> total.addAndGet(System.nanoTime() - start);
                return call.doOnTerminate(done).doOnCancel(done);
            });
        }

        void log(String appId, int openIds) {
            if (log.isDebugEnabled()) {
                log.debug(
                        "Sync of {}: page of {} in {} ms: user/get {} ms, batchget {} ms, writes {} ms, cursor {} ms",
                        appId,
                        openIds,
                        millis(System.nanoTime() - started),
                        millis(list.get()),
                        millis(batchGet.get()),
                        millis(writes.get()),
                        millis(advance.get()));
            }
        }

        private static long millis(long nanos) {
            return nanos / 1_000_000;
        }
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

    /**
     * A page in batchget's hundreds; an empty page (WeChat's last) is one empty batch, so that it too moves the
     * cursor.
     */
    private static List<Batch> batches(FetchedPage page) {
        List<String> openIds = page.page().openIds();
        if (openIds.isEmpty()) {
            return List.of(new Batch(page, 0, List.of(), true));
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0, index = 0; from < openIds.size(); from += Limits.BATCH_GET, index++) {
            int to = Math.min(openIds.size(), from + Limits.BATCH_GET);
            batches.add(new Batch(page, index, openIds.subList(from, to), to == openIds.size()));
        }
        return batches;
    }
}
