package io.wxplatform.wechat.protocol;

/** A message type this library does not model (or whose typed fields were unreadable); all fields are kept. */
public record UnknownMessage(Header header) implements InboundMessage {}
