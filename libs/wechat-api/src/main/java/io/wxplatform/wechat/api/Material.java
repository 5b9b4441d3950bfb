package io.wxplatform.wechat.api;

/** Permanent material WeChat took: its media_id and, for images, the URL WeChat serves it under. */
public record Material(String mediaId, String url) {}
