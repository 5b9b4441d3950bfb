package io.wxplatform.wechat.protocol;

/** An event this library does not model (or whose typed fields were unreadable); all fields are kept. */
public record UnknownEvent(Header header) implements WxEvent {}
