package io.wxplatform.wechat.api;

import java.util.List;

/** A page of chat history; ask again from {@code nextMsgId} while {@code messages} is full. */
public record AgentMessagePage(List<AgentMessage> messages, long nextMsgId) {}
