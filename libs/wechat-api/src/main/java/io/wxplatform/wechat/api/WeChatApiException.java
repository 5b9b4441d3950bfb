package io.wxplatform.wechat.api;

/**
 * A WeChat API call that did not succeed: WeChat's own {@code errcode}, or a synthetic one from {@link ErrorCodes}
 * when no usable answer arrived. The message never contains secrets or tokens.
 */
public class WeChatApiException extends RuntimeException {

    private final int errcode;
    private final String errmsg;
    private final ErrorCategory category;
    private final String appId;
    private final String api;

    public WeChatApiException(int errcode, String errmsg, ErrorCategory category, String appId, String api) {
        super("WeChat " + api + " failed for " + appId + ": errcode=" + errcode + " (" + category + ") " + errmsg);
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.category = category;
        this.appId = appId;
        this.api = api;
    }

    public WeChatApiException(int errcode, String errmsg, String appId, String api) {
        this(errcode, errmsg, ErrorCodes.categorize(errcode), appId, api);
    }

    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    public ErrorCategory category() {
        return category;
    }

    public String appId() {
        return appId;
    }

    public String api() {
        return api;
    }

    public boolean isRetryable() {
        return category == ErrorCategory.RETRYABLE;
    }
}
