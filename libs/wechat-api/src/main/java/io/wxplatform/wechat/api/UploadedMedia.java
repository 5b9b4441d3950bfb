package io.wxplatform.wechat.api;

import java.time.Instant;

/** Temporary media WeChat took: its media_id, valid until {@code createdAt} plus three days. */
public record UploadedMedia(MediaKind kind, String mediaId, Instant createdAt) {

    public Instant expiresAt() {
        return createdAt.plus(MediaLimits.TEMPORARY_LIFETIME);
    }
}
