package io.wxplatform.wechat.api;

/**
 * A file fetched from WeChat: its bytes and content type. Where WeChat answers a JSON document instead (a video's
 * title, description and download URL), {@code contentType} is {@code application/json} and the bytes are that JSON.
 */
public record MediaFile(String contentType, byte[] bytes) {}
