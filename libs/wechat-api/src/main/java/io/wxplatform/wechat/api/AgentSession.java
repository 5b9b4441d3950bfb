package io.wxplatform.wechat.api;

import java.time.Instant;

/**
 * A follower's session with an agent ({@code kfsession/getsession}, {@code getsessionlist}) or their wait for one
 * ({@code getwaitcase}: no agent, {@code at} is the follower's latest message); {@code kfAccount} is null when
 * no agent holds the follower.
 */
public record AgentSession(String kfAccount, String openId, Instant at) {}
