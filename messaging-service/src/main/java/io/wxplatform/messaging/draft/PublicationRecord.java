package io.wxplatform.messaging.draft;

import java.time.Instant;

/**
 * A publish job the platform submitted: WeChat's {@code publishId}, the draft, WeChat's {@code status} (0 published,
 * 1 publishing, 2–6 failed, refused, deleted or banned) and, once published, the {@code articleId}.
 */
record PublicationRecord(
        String publishId,
        String appId,
        String draftMediaId,
        int status,
        String articleId,
        Instant submittedAt,
        Instant updatedAt) {}
