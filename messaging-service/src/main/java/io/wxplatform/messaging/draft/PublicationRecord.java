package io.wxplatform.messaging.draft;

import java.time.Instant;
import java.util.List;

/**
 * A publish job the platform submitted: WeChat's {@code publishId}, the draft, WeChat's {@code status} (0 published,
 * 1 publishing, 2–6 failed, refused, deleted or banned) and, once published, the {@code articleId} and each article's
 * URL ({@code articles}, from PUBLISHJOBFINISH); {@code failedIndexes} the articles WeChat refused (from 1).
 */
record PublicationRecord(
        String publishId,
        String appId,
        String draftMediaId,
        int status,
        String articleId,
        List<ArticleUrl> articles,
        List<Integer> failedIndexes,
        Instant submittedAt,
        Instant updatedAt) {

    /** A published article's position in the draft (from 1) and its public URL. */
    record ArticleUrl(int index, String url) {}
}
