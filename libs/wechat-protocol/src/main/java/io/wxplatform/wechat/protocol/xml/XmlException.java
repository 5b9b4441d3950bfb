package io.wxplatform.wechat.protocol.xml;

/** XML that was refused; {@link #reason()} says why. */
public class XmlException extends RuntimeException {

    public enum Reason {
        MALFORMED,
        DTD_FORBIDDEN,
        TOO_LARGE
    }

    private final Reason reason;

    public XmlException(Reason reason, String message) {
        this(reason, message, null);
    }

    public XmlException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
