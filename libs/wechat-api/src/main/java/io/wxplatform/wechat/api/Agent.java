package io.wxplatform.wechat.api;

/**
 * A customer-service agent as {@code customservice/getkflist} lists it: {@code kfAccount} is {@code name@account};
 * {@code wxAccount} the WeChat user bound to it (null until an invitation is accepted), {@code inviteWx} and
 * {@code inviteStatus} ({@code waiting}, {@code rejected}, {@code expired}) while one is pending.
 */
public record Agent(
        String kfAccount,
        String nickname,
        String kfId,
        String headImgUrl,
        String wxAccount,
        String inviteWx,
        String inviteStatus) {}
