package io.wxplatform.wechat.protocol.callback;

/** How an account's callbacks are sent: plaintext, compatible (plain fields and {@code Encrypt}) or safe. */
public enum EncryptionMode {
    PLAIN,
    COMPATIBLE,
    SAFE;

    public boolean encrypted() {
        return this != PLAIN;
    }
}
