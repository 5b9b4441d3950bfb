package io.wxplatform.tokenclient;

/**
 * token-service could not hand out a token: {@code status} is its HTTP status (0 when it was unreachable) and
 * {@code code} the problem+json code ({@code ACCOUNT_NOT_FOUND}, …). WeChat's own refusals arrive as
 * {@link io.wxplatform.wechat.api.WeChatApiException} instead.
 */
public class TokenServiceException extends RuntimeException {

    private final String appId;
    private final int status;
    private final String code;

    public TokenServiceException(String appId, int status, String code, String message) {
        super("token-service failed for " + appId + ": " + (status == 0 ? "unreachable" : "HTTP " + status) + " " + code
                + (message == null || message.isBlank() ? "" : " — " + message));
        this.appId = appId;
        this.status = status;
        this.code = code;
    }

    public String appId() {
        return appId;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Unreachable, or a 5xx/429 answer: worth trying again later. A 4xx will answer the same next time. */
    public boolean isRetryable() {
        return status == 0 || status >= 500 || status == 429;
    }
}
