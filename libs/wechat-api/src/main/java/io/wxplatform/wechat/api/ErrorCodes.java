package io.wxplatform.wechat.api;

import java.util.Map;

/**
 * The one place where WeChat error codes are classified. Besides WeChat's own codes, the client uses negative
 * synthetic codes (WeChat only ever uses -1) for failures that never reached a WeChat answer.
 */
public final class ErrorCodes {

    public static final int OK = 0;
    public static final int SYSTEM_BUSY = -1;
    /** Synthetic: connection refused/reset, DNS failure or timeout — no answer from WeChat at all. */
    public static final int TRANSPORT_FAILURE = -2;
    /** Synthetic: WeChat (or a proxy in front of it) answered with an HTTP 5xx status. */
    public static final int SERVER_ERROR = -3;
    /** Synthetic: a non-5xx HTTP error status, or a body that is not the JSON the API promises. */
    public static final int UNEXPECTED_RESPONSE = -4;
    /** The stored authorizer_refresh_token is no longer valid (rotated, or the authorization was revoked). */
    public static final int AUTHORIZER_REFRESH_TOKEN_INVALID = 61023;
    /** The follower is not subscribed (template messages); the platform's belief that they were is stale. */
    public static final int REQUIRE_SUBSCRIBE = 43004;

    /** Web authorization: the code is unknown, of another account, or expired. */
    public static final int OAUTH_CODE_INVALID = 40029;
    /** Web authorization: the code was exchanged before (a refresh or the back button sends it again). */
    public static final int OAUTH_CODE_USED = 40163;

    private static final Map<Integer, ErrorCategory> CATEGORIES = Map.ofEntries(
            Map.entry(OK, ErrorCategory.SUCCESS),
            Map.entry(SYSTEM_BUSY, ErrorCategory.RETRYABLE),
            Map.entry(TRANSPORT_FAILURE, ErrorCategory.RETRYABLE),
            Map.entry(SERVER_ERROR, ErrorCategory.RETRYABLE),
            Map.entry(40001, ErrorCategory.TOKEN_INVALID),
            Map.entry(40014, ErrorCategory.TOKEN_INVALID),
            Map.entry(42001, ErrorCategory.TOKEN_INVALID),
            Map.entry(45011, ErrorCategory.RATE_LIMITED),
            // A mass send's clientmsgid again within a minute: the first may still be underway; later answers 45065.
            Map.entry(45066, ErrorCategory.RATE_LIMITED),
            Map.entry(45009, ErrorCategory.QUOTA_EXCEEDED),
            Map.entry(45047, ErrorCategory.QUOTA_EXCEEDED),
            Map.entry(45015, ErrorCategory.WINDOW),
            Map.entry(48001, ErrorCategory.PERMISSION),
            Map.entry(61007, ErrorCategory.PERMISSION),
            // 40013 (invalid appid) is in the account's setup just like a wrong secret.
            Map.entry(40013, ErrorCategory.CONFIGURATION),
            Map.entry(40125, ErrorCategory.CONFIGURATION),
            Map.entry(40164, ErrorCategory.CONFIGURATION),
            Map.entry(AUTHORIZER_REFRESH_TOKEN_INVALID, ErrorCategory.CONFIGURATION),
            Map.entry(61005, ErrorCategory.COMPONENT_TICKET),
            Map.entry(61006, ErrorCategory.COMPONENT_TICKET));

    private ErrorCodes() {}

    public static ErrorCategory categorize(int errcode) {
        return CATEGORIES.getOrDefault(errcode, ErrorCategory.INVALID_REQUEST);
    }
}
