package io.wxplatform.wechat.protocol.callback;

/** A verified passive reply: {@code empty} for {@code success} or an empty body, else the plaintext reply XML. */
public record OpenedReply(boolean empty, String innerXml, boolean wasEncrypted) {}
