package io.wxplatform.wechat.api;

import java.util.Optional;

/** WeChat refusals that no retry can fix: a person must change the account's setup before calls work again. */
public enum AttentionReason {
    /** 40125: the AppSecret is wrong (or was reset in the WeChat console). */
    INVALID_SECRET,
    /** 40164: the caller's IP is not on the account's API IP whitelist. */
    IP_NOT_WHITELISTED,
    /** 61023: the authorizer refresh token is invalid; the account owner must authorize the platform again. */
    NEEDS_REAUTHORIZATION;

    public static Optional<AttentionReason> of(int errcode) {
        return switch (errcode) {
            case 40125 -> Optional.of(INVALID_SECRET);
            case 40164 -> Optional.of(IP_NOT_WHITELISTED);
            case 61023 -> Optional.of(NEEDS_REAUTHORIZATION);
            default -> Optional.empty();
        };
    }
}
