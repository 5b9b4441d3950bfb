package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.List;

/** One page of {@code draft/batchget}: the total and the drafts from the requested offset. */
public record DraftPage(long total, List<Item> items) {

    public record Item(String mediaId, List<Article> articles, Instant updatedAt) {}
}
