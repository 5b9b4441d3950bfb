package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.List;

/** One page of {@code material/batchget_material}: the kind's total and the items from the requested offset. */
public record MaterialPage(long total, List<Item> items) {

    public record Item(String mediaId, String name, Instant updatedAt, String url) {}
}
