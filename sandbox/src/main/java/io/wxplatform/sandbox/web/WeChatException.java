package io.wxplatform.sandbox.web;

/** Ends a {@code /cgi-bin} request with WeChat's error JSON. */
public final class WeChatException extends RuntimeException {

    private final WeChatError error;

    public WeChatException(WeChatError error) {
        super(error.errcode() + " " + error.errmsg(), null, false, false);
        this.error = error;
    }

    public WeChatError error() {
        return error;
    }
}
