package io.wxplatform.sandbox.draft;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Drafts and publish jobs per account. A publish job is published (with an article id and its articles' URLs) once
 * the sandbox pushed its PUBLISHJOBFINISH, or {@link #PUBLISH_TIME} after submission by the sandbox clock, whichever
 * comes first. A job keeps the articles as submitted: deleting the draft later does not unpublish them.
 */
@Component
class DraftStore implements Resettable {

    /** How long WeChat takes to publish, in sandbox time. */
    static final Duration PUBLISH_TIME = Duration.ofSeconds(30);

    record Draft(String appId, String mediaId, List<Map<String, Object>> articles, Instant updatedAt) {}

    record Job(
            String appId,
            String publishId,
            String mediaId,
            Instant submittedAt,
            String articleId,
            List<Map<String, Object>> articles) {

        /** The public URL of the article at {@code index} (from 1). */
        String url(int index) {
            return "https://mp.weixin.qq.com/s/" + articleId + "_" + index;
        }
    }

    private final ConcurrentMap<String, Draft> drafts = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final AtomicLong publishIds =
            new AtomicLong(System.currentTimeMillis() / 1000 % 1_000_000 + 2_247_000_000L);

    Draft put(String appId, String mediaId, List<Map<String, Object>> articles, Instant at) {
        Draft draft = new Draft(appId, mediaId, List.copyOf(articles), at);
        drafts.put(mediaId, draft);
        return draft;
    }

    Optional<Draft> find(String appId, String mediaId) {
        return Optional.ofNullable(mediaId == null ? null : drafts.get(mediaId))
                .filter(draft -> draft.appId().equals(appId));
    }

    boolean delete(String appId, String mediaId) {
        return find(appId, mediaId).map(draft -> drafts.remove(mediaId, draft)).orElse(false);
    }

    List<Draft> all(String appId) {
        return drafts.values().stream()
                .filter(draft -> draft.appId().equals(appId))
                .sorted(Comparator.comparing(Draft::updatedAt).reversed().thenComparing(Draft::mediaId))
                .toList();
    }

    Job submit(Draft draft, Instant at) {
        Job job = new Job(
                draft.appId(),
                String.valueOf(publishIds.incrementAndGet()),
                draft.mediaId(),
                at,
                UUID.randomUUID().toString().replace("-", ""),
                draft.articles());
        jobs.put(job.publishId(), job);
        return job;
    }

    Optional<Job> job(String appId, String publishId) {
        return Optional.ofNullable(publishId == null ? null : jobs.get(publishId))
                .filter(job -> job.appId().equals(appId));
    }

    /** WeChat finished the job (its PUBLISHJOBFINISH is on its way). */
    void finish(Job job) {
        finished.add(job.publishId());
    }

    boolean published(Job job, Instant now) {
        return finished.contains(job.publishId())
                || !now.isBefore(job.submittedAt().plus(PUBLISH_TIME));
    }

    /** The account's published jobs not deleted, newest first. */
    List<Job> published(String appId, Instant now) {
        return jobs.values().stream()
                .filter(job -> job.appId().equals(appId) && published(job, now) && !deleted(job.publishId()))
                .sorted(Comparator.comparing(Job::submittedAt).reversed().thenComparing(Job::publishId))
                .toList();
    }

    Optional<Job> publishedArticle(String appId, String articleId, Instant now) {
        return jobs.values().stream()
                .filter(job -> job.appId().equals(appId) && job.articleId().equals(articleId))
                .filter(job -> published(job, now))
                .findFirst();
    }

    /** Deletes a published article: its job reads as status 5 (deleted) from then on. */
    boolean deletePublished(String appId, String articleId, Instant now) {
        return publishedArticle(appId, articleId, now)
                .filter(job -> !deleted(job.publishId()))
                .map(job -> deleted.add(job.publishId()))
                .orElse(false);
    }

    boolean deleted(String publishId) {
        return deleted.contains(publishId);
    }

    static String newMediaId() {
        return UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void reset() {
        drafts.clear();
        jobs.clear();
        deleted.clear();
        finished.clear();
    }
}
