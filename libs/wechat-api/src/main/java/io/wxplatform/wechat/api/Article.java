package io.wxplatform.wechat.api;

/**
 * One article of a draft. {@code thumbMediaId} must be a <em>permanent</em> image (a temporary media_id is 40007:
 * drafts keep their covers forever). Limits ({@link DraftApi#violations}): title ≤ 32 characters, author ≤ 16, digest
 * ≤ 128; content required. The comment switches are off when absent.
 */
public record Article(
        String title,
        String author,
        String digest,
        String content,
        String contentSourceUrl,
        String thumbMediaId,
        Boolean needOpenComment,
        Boolean onlyFansCanComment) {}
