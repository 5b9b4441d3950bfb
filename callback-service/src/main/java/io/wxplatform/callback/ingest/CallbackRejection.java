package io.wxplatform.callback.ingest;

import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.crypto.CryptoException;
import io.wxplatform.wechat.protocol.xml.XmlException;

/** A callback refused on purpose: expected, so no stack trace, and its message never holds secrets. */
final class CallbackRejection extends RuntimeException {

    private final RejectReason reason;

    CallbackRejection(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    static CallbackRejection of(RejectReason reason) {
        return new CallbackRejection(reason, reason.tag());
    }

    /** Translates the protocol library's verdicts into ours. */
    static CallbackRejection from(CallbackRejectedException e) {
        RejectReason reason = switch (e.reason()) {
            case MISSING_PARAMETER -> RejectReason.MISSING_PARAMETER;
            case BAD_SIGNATURE -> RejectReason.BAD_SIGNATURE;
            case BAD_MSG_SIGNATURE -> RejectReason.BAD_MSG_SIGNATURE;
            case NO_KEY -> RejectReason.NO_KEY;
            case APPID_MISMATCH -> RejectReason.APPID_MISMATCH;
            case DECRYPT_FAILED ->
                e.getCause() instanceof CryptoException c && c.reason() == CryptoException.Reason.BAD_PADDING
                        ? RejectReason.BAD_PADDING
                        : RejectReason.DECRYPT_FAILED;
            case MALFORMED -> e.getCause() instanceof XmlException x ? from(x).reason() : RejectReason.MALFORMED;
            case UNENCRYPTED_REPLY -> RejectReason.MALFORMED;
        };
        return new CallbackRejection(reason, e.getMessage());
    }

    static CallbackRejection from(XmlException e) {
        RejectReason reason = switch (e.reason()) {
            case DTD_FORBIDDEN -> RejectReason.DTD_FORBIDDEN;
            case TOO_LARGE -> RejectReason.BODY_TOO_LARGE;
            case MALFORMED -> RejectReason.MALFORMED;
        };
        return new CallbackRejection(reason, e.getMessage());
    }
}
