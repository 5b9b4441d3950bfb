package io.wxplatform.wechat.api;

/** A follower tag of an account; {@code count} is WeChat's follower count (0 where WeChat does not say). */
public record Tag(int id, String name, long count) {}
