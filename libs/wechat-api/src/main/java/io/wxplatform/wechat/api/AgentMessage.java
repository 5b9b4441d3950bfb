package io.wxplatform.wechat.api;

import java.time.Instant;

/**
 * One line of the agents' chat history ({@code msgrecord/getmsglist}): WeChat's {@code opercode} (2002 the follower
 * wrote, 2003 the agent replied, …), the agent ({@code worker}) and the text.
 */
public record AgentMessage(String openId, int operCode, String text, String worker, Instant at) {}
