package io.wxplatform.wechat.protocol.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 43-character EncodingAESKey, decoded to the 32-byte AES key.
 *
 * <p>WeChat decodes {@code base64(key + "=")} and ignores the two surplus bits of the last character, so keys whose last
 * character is not canonical base64 (Tencent's own sample key among them) are valid. {@link #toString()} hides the key.
 */
public final class EncodingAesKey {

    public static final int LENGTH = 43;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final byte[] key;

    private EncodingAesKey(byte[] key) {
        this.key = key;
    }

    public static EncodingAesKey parse(String key43) {
        if (key43 == null) {
            throw new IllegalArgumentException("EncodingAESKey is missing");
        }
        if (key43.length() != LENGTH) {
            throw new IllegalArgumentException(
                    "EncodingAESKey must be exactly " + LENGTH + " characters, got " + key43.length());
        }
        byte[] out = new byte[32];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < LENGTH; i++) {
            int value = ALPHABET.indexOf(key43.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException(
                        "EncodingAESKey may only contain A-Z, a-z, 0-9, '+' and '/' (position " + i + ")");
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8 && written < out.length) {
                bits -= 8;
                out[written++] = (byte) (buffer >> bits);
            }
            buffer &= (1 << bits) - 1;
        }
        return new EncodingAesKey(out);
    }

    public static boolean isValid(String key43) {
        try {
            parse(key43);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A copy of the 32-byte AES key. */
    public byte[] bytes() {
        return key.clone();
    }

    byte[] iv() {
        return Arrays.copyOf(key, 16);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodingAesKey that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "EncodingAesKey[hidden]";
    }
}
