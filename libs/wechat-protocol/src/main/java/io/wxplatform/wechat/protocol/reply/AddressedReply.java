package io.wxplatform.wechat.protocol.reply;

/** A parsed reply with its addressing: {@code toUserName} is the follower, {@code fromUserName} the account. */
public record AddressedReply(String toUserName, String fromUserName, long createTime, PassiveReply reply) {}
