package io.wxplatform.support.web;

import java.util.List;

/** One page of a list answer: its items, the {@link Paging} asked for, and how many items there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(List<T> items, Paging paging, long total) {
        return new Page<>(items, paging.page(), paging.size(), total);
    }
}
