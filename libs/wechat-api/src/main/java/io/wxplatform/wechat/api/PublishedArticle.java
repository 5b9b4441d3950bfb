package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.List;

/**
 * A published article ({@code freepublish/batchget}, {@code freepublish/getarticle}): WeChat's {@code article_id}, its
 * articles with their public URLs, and when it was last updated.
 */
public record PublishedArticle(String articleId, List<Item> items, Instant updatedAt) {

    /** One article of it; {@code deleted} once WeChat's {@code is_deleted} says so. */
    public record Item(Article article, String url, boolean deleted) {}

    /** One page of {@code freepublish/batchget}: the total and the articles from the requested offset. */
    public record Page(long total, List<PublishedArticle> items) {}
}
