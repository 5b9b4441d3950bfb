package io.wxplatform.wechat.protocol.crypto;

import io.wxplatform.wechat.protocol.crypto.CryptoException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat message encryption: AES-256-CBC with IV = key[0..16) and PKCS#7 padding to a multiple of 32 bytes over
 * {@code random(16) ‖ msgLen (4 bytes, big-endian) ‖ message ‖ appId}. Immutable and thread-safe.
 */
public final class MessageCrypto {

    private static final int BLOCK = 32;
    private static final int RANDOM_LENGTH = 16;
    private static final int HEADER_LENGTH = RANDOM_LENGTH + 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * {@code Cipher.getInstance} looks the transformation up among the providers on every call, which cost callbacks
     * more than the AES work itself (docs/benchmarks.md). A cipher is re-initialised with each message's key and mode
     * before use, but is not thread-safe: hence one per thread.
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(MessageCrypto::newCipher);

    private final EncodingAesKey key;
    private final String appId;

    public MessageCrypto(EncodingAesKey key, String appId) {
        this.key = Objects.requireNonNull(key, "key");
        this.appId = Objects.requireNonNull(appId, "appId");
    }

    public record Decrypted(String message, String appId) {}

    public EncodingAesKey key() {
        return key;
    }

    public String appId() {
        return appId;
    }

    public String encrypt(String message) {
        byte[] random = new byte[RANDOM_LENGTH];
        RANDOM.nextBytes(random);
        return encrypt(message, random);
    }

    /** Deterministic variant: the caller supplies the 16 random prefix bytes. */
    public String encrypt(String message, byte[] random16) {
        Objects.requireNonNull(message, "message");
        if (random16 == null || random16.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("the random prefix must be exactly 16 bytes");
        }
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        int unpadded = HEADER_LENGTH + body.length + id.length;
        int pad = BLOCK - unpadded % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad)
                .put(random16)
                .putInt(body.length)
                .put(body)
                .put(id);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        try {
            return Base64.getEncoder()
                    .encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC encryption failed", e);
        }
    }

    /** Decrypts and checks that the trailing appid is the expected one. */
    public Decrypted decrypt(String base64Ciphertext) {
        byte[] plain = unpad(aesDecrypt(decodeBase64(base64Ciphertext)));
        if (plain.length < HEADER_LENGTH) {
            throw new CryptoException(Reason.BAD_LENGTH, "plaintext shorter than its 20-byte header");
        }
        int length = ByteBuffer.wrap(plain, RANDOM_LENGTH, 4).getInt();
        if (length < 0 || length > plain.length - HEADER_LENGTH) {
            throw new CryptoException(Reason.BAD_LENGTH, "declared message length does not fit the plaintext");
        }
        String message = utf8(plain, HEADER_LENGTH, length);
        String trailingAppId = utf8(plain, HEADER_LENGTH + length, plain.length - HEADER_LENGTH - length);
        if (!appId.equals(trailingAppId)) {
            throw new CryptoException(
                    Reason.APPID_MISMATCH,
                    "message was sealed for appid '" + trailingAppId + "', expected '" + appId + "'");
        }
        return new Decrypted(message, trailingAppId);
    }

    private static byte[] decodeBase64(String text) {
        if (text == null || text.isEmpty()) {
            throw new CryptoException(Reason.BAD_BASE64, "ciphertext is empty");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CryptoException(Reason.BAD_BASE64, "ciphertext is not base64", e);
        }
    }

    private byte[] aesDecrypt(byte[] ciphertext) {
        if (ciphertext.length == 0 || ciphertext.length % 16 != 0) {
            throw new CryptoException(Reason.DECRYPT_FAILED, "ciphertext is not a whole number of AES blocks");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE).doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(Reason.DECRYPT_FAILED, "AES-256-CBC decryption failed", e);
        }
    }

    private static byte[] unpad(byte[] padded) {
        int pad = padded[padded.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > padded.length) {
            throw new CryptoException(Reason.BAD_PADDING, "padding value out of range");
        }
        for (int i = padded.length - pad; i < padded.length; i++) {
            if ((padded[i] & 0xff) != pad) {
                throw new CryptoException(Reason.BAD_PADDING, "inconsistent padding bytes");
            }
        }
        return Arrays.copyOf(padded, padded.length - pad);
    }

    private static String utf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CryptoException(Reason.DECRYPT_FAILED, "plaintext is not UTF-8", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = CIPHER.get();
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new IvParameterSpec(key.iv()));
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no AES/CBC/NoPadding", e);
        }
    }
}
