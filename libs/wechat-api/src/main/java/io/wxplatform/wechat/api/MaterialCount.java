package io.wxplatform.wechat.api;

/** {@code material/get_materialcount}: permanent materials per kind. */
public record MaterialCount(long voice, long video, long image, long news) {}
