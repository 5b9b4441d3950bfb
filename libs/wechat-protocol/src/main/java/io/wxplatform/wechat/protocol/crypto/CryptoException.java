package io.wxplatform.wechat.protocol.crypto;

/** A ciphertext that could not be opened; {@link #reason()} says why. Never carries key material. */
public class CryptoException extends RuntimeException {

    public enum Reason {
        BAD_BASE64,
        BAD_PADDING,
        BAD_LENGTH,
        APPID_MISMATCH,
        DECRYPT_FAILED
    }

    private final Reason reason;

    public CryptoException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CryptoException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
