package io.wxplatform.messaging.media;

import io.wxplatform.wechat.api.MediaKind;
import java.time.Instant;

/**
 * A file the tenant gave the platform, kept (GridFS) so that it can be uploaded again, and its media at WeChat.
 * Temporary media expire three days after WeChat's {@code createdAt} ({@code expiresAt}); with {@code keepFresh} the
 * platform re-uploads it before then and the asset's {@code mediaId} changes ({@code refreshes} counts it).
 * Permanent material has no expiry; {@code url} is WeChat's for permanent images.
 */
public record MediaAsset(
        String assetId,
        String tenantId,
        String appId,
        MediaKind kind,
        boolean permanent,
        String mediaId,
        String url,
        String filename,
        String contentType,
        long size,
        Instant createdAt,
        Instant expiresAt,
        boolean keepFresh,
        int refreshes,
        String title,
        String introduction) {}
