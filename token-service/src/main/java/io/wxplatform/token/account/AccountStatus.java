package io.wxplatform.token.account;

import io.wxplatform.wechat.api.AttentionReason;

/**
 * ACTIVE accounts have their credentials kept fresh. The attention states mean WeChat refused the account's
 * setup in a way no retry fixes; refreshing stops until a person corrects it (and resumes the account).
 */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED,
    INVALID_SECRET,
    IP_NOT_WHITELISTED,
    NEEDS_REAUTHORIZATION,
    /**
     * A component-mode account whose owner revoked the platform's authorization: tokens wiped, callbacks refused;
     * only a new authorization brings it back.
     */
    UNAUTHORIZED,
    /** Deleted: only a tombstone until its DELETED notice is acknowledged; invisible to the admin API. */
    DELETED;

    /** States a person fixes by correcting the setup and resuming the account. */
    public boolean needsAttention() {
        return this == INVALID_SECRET || this == IP_NOT_WHITELISTED || this == NEEDS_REAUTHORIZATION;
    }

    public static AccountStatus of(AttentionReason reason) {
        return switch (reason) {
            case INVALID_SECRET -> INVALID_SECRET;
            case IP_NOT_WHITELISTED -> IP_NOT_WHITELISTED;
            case NEEDS_REAUTHORIZATION -> NEEDS_REAUTHORIZATION;
        };
    }
}
