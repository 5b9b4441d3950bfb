package io.wxplatform.wechat.api;

/** An agent online now ({@code getonlinekflist}): {@code status} 1 web client, and how many sessions they hold. */
public record OnlineAgent(String kfAccount, String kfId, int status, int acceptedCases) {}
