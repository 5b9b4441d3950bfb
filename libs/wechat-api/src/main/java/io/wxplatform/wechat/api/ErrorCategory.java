package io.wxplatform.wechat.api;

/** What a caller should do about a WeChat answer. Codes are mapped to categories in {@link ErrorCodes} only. */
public enum ErrorCategory {
    SUCCESS,
    /** 40001, 40014, 42001: report the token version as invalid, refresh once, retry once. */
    TOKEN_INVALID,
    /** -1 (system busy) and transport failures: retry with backoff. */
    RETRYABLE,
    /** 45011 (too frequent): back off, then try again. */
    RATE_LIMITED,
    /** 45009 (daily quota), 45047 (customer-service send limit): stop until the quota resets or the follower writes. */
    QUOTA_EXCEEDED,
    /** 45015: outside the 48-hour customer-service window; never retry. */
    WINDOW,
    /** 48001, 61007: the account or platform may not call this API. */
    PERMISSION,
    /** 40013, 40125, 40164, 61023: the account's setup is wrong (appid, secret, IP whitelist, authorization). */
    CONFIGURATION,
    /**
     * 61005, 61006: the component_verify_ticket is expired or invalid; wait for WeChat's next push (every 10 minutes)
     * and alert if none comes for 20 minutes. No person needs to change anything yet.
     */
    COMPONENT_TICKET,
    /** Anything else: the request itself is wrong; retrying changes nothing. */
    INVALID_REQUEST
}
