package io.wxplatform.sandbox.callback;

import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;

/**
 * How an account's callbacks are protected: the mode, the Token, the key (null for PLAIN) and the appid written at
 * the end of the plaintext (the account's own, or the component's for authorized accounts).
 */
public record CallbackSigning(EncryptionMode mode, String token, EncodingAesKey key, String cipherAppId) {

    /** Opens encrypted replies; null when there is no key. */
    public MessageCrypto crypto() {
        return key == null ? null : new MessageCrypto(key, cipherAppId);
    }

    @Override
    public String toString() {
        return "CallbackSigning[" + mode + ", " + cipherAppId + "]";
    }
}
