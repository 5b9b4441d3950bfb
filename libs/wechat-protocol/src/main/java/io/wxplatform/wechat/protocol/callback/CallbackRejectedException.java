package io.wxplatform.wechat.protocol.callback;

/** A callback or reply that failed verification. Messages never contain tokens or keys. */
public class CallbackRejectedException extends RuntimeException {

    public enum Reason {
        MISSING_PARAMETER,
        BAD_SIGNATURE,
        BAD_MSG_SIGNATURE,
        NO_KEY,
        DECRYPT_FAILED,
        APPID_MISMATCH,
        MALFORMED,
        /** A plain reply to a safe-mode callback, which WeChat does not accept. */
        UNENCRYPTED_REPLY
    }

    private final Reason reason;

    public CallbackRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CallbackRejectedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
