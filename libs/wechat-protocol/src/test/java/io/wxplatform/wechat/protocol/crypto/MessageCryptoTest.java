package io.wxplatform.wechat.protocol.crypto;

import static io.wxplatform.wechat.protocol.OfficialExample.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.crypto.CryptoException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCryptoTest {

    private final EncodingAesKey key = EncodingAesKey.parse(AES_KEY);
    private final MessageCrypto crypto = new MessageCrypto(key, APP_ID);

    @Test
    void decryptsTheOfficialSafeModePost() {
        MessageCrypto.Decrypted decrypted = crypto.decrypt(POST_ENCRYPT);

        assertThat(decrypted.message()).isEqualTo(POST_MESSAGE);
        assertThat(decrypted.appId()).isEqualTo(APP_ID);
        assertThat(rawPlaintext(POST_ENCRYPT)).startsWith(POST_RANDOM.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void encryptsTheOfficialReplyByteForByte() {
        String encrypt = crypto.encrypt(REPLY_MESSAGE, REPLY_RANDOM.getBytes(StandardCharsets.US_ASCII));

        assertThat(encrypt).isEqualTo(REPLY_ENCRYPT);
    }

    @Test
    void reEncryptingTheOfficialPostWithItsRandomPrefixGivesTheSameCiphertext() {
        assertThat(crypto.encrypt(POST_MESSAGE, POST_RANDOM.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(POST_ENCRYPT);
    }

    @Test
    void roundTripsMultiByteTextAndPadsToMultiplesOf32Bytes() {
        for (int length = 0; length < 70; length++) {
            String message = "消".repeat(length);
            String encrypt = crypto.encrypt(message);

            assertThat(Base64.getDecoder().decode(encrypt).length % 32).isZero();
            assertThat(crypto.decrypt(encrypt).message()).isEqualTo(message);
        }
    }

    @Test
    void randomPrefixMakesEachEncryptionDifferent() {
        assertThat(crypto.encrypt("same")).isNotEqualTo(crypto.encrypt("same"));
    }

    @Test
    void rejectsAMessageSealedForAnotherAppId() {
        String encrypt = new MessageCrypto(key, "wxotherapp0000000").encrypt("hello");

        assertThatThrownBy(() -> crypto.decrypt(encrypt))
                .isInstanceOfSatisfying(
                        CryptoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.APPID_MISMATCH));
    }

    @Test
    void rejectsADecryptionWithTheWrongKey() {
        MessageCrypto other = new MessageCrypto(EncodingAesKey.parse("B".repeat(43)), APP_ID);

        assertThatThrownBy(() -> other.decrypt(POST_ENCRYPT)).isInstanceOf(CryptoException.class);
    }

    @Test
    void accountsTakingTurnsOnOneThreadEachGetTheirOwnKey() {
        // The thread's cipher is shared by every account: each use must start from its own key, mode and IV.
        MessageCrypto other = new MessageCrypto(EncodingAesKey.parse("B".repeat(43)), "wxotherapp0000000");
        for (int round = 0; round < 3; round++) {
            String mine = crypto.encrypt("mine " + round);
            String theirs = other.encrypt("theirs " + round);

            assertThat(other.decrypt(theirs).message()).isEqualTo("theirs " + round);
            assertThat(crypto.decrypt(mine).message()).isEqualTo("mine " + round);
            assertThat(crypto.decrypt(POST_ENCRYPT).message()).isEqualTo(POST_MESSAGE);
            assertThatThrownBy(() -> crypto.decrypt(theirs)).isInstanceOf(CryptoException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 33, 255})
    void rejectsPaddingValuesOutside1To32(int pad) {
        byte[] plain = plaintext("hello", APP_ID);
        plain[plain.length - 1] = (byte) pad;

        assertReason(encryptRaw(plain), Reason.BAD_PADDING);
    }

    @Test
    void rejectsInconsistentPaddingBytes() {
        byte[] plain = plaintext("hello", APP_ID);
        int pad = plain[plain.length - 1];
        assertThat(pad).isGreaterThan(1);
        plain[plain.length - pad] = (byte) (pad - 1);

        assertReason(encryptRaw(plain), Reason.BAD_PADDING);
    }

    @Test
    void rejectsTextThatIsNotBase64() {
        assertReason("not base64!", Reason.BAD_BASE64);
        assertReason("", Reason.BAD_BASE64);
        assertReason(null, Reason.BAD_BASE64);
    }

    @Test
    void rejectsCiphertextThatIsNotWholeBlocks() {
        assertReason(Base64.getEncoder().encodeToString(new byte[20]), Reason.DECRYPT_FAILED);
    }

    @Test
    void rejectsAPlaintextShorterThanItsHeader() {
        byte[] plain = new byte[32];
        Arrays.fill(plain, 16, 32, (byte) 16);

        assertReason(encryptRaw(plain), Reason.BAD_LENGTH);
    }

    @Test
    void rejectsADeclaredLengthBeyondThePlaintext() {
        byte[] plain = plaintext("hello", APP_ID);
        ByteBuffer.wrap(plain).putInt(16, 1000);

        assertReason(encryptRaw(plain), Reason.BAD_LENGTH);
    }

    @Test
    void rejectsANegativeDeclaredLength() {
        byte[] plain = plaintext("hello", APP_ID);
        ByteBuffer.wrap(plain).putInt(16, -1);

        assertReason(encryptRaw(plain), Reason.BAD_LENGTH);
    }

    @Test
    void rejectsATamperedCiphertext() {
        byte[] ciphertext = Base64.getDecoder().decode(POST_ENCRYPT);
        ciphertext[ciphertext.length - 20] ^= 1;

        assertThatThrownBy(() -> crypto.decrypt(Base64.getEncoder().encodeToString(ciphertext)))
                .isInstanceOf(CryptoException.class);
    }

    private void assertReason(String ciphertext, Reason reason) {
        assertThatThrownBy(() -> crypto.decrypt(ciphertext))
                .isInstanceOfSatisfying(
                        CryptoException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** A correctly padded plaintext, so single bytes can be broken before encryption. */
    private static byte[] plaintext(String message, String appId) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 20 + body.length + id.length;
        int pad = 32 - unpadded % 32;
        ByteBuffer buffer = ByteBuffer.allocate(unpadded + pad)
                .put(new byte[16])
                .putInt(body.length)
                .put(body)
                .put(id);
        while (buffer.hasRemaining()) {
            buffer.put((byte) pad);
        }
        return buffer.array();
    }

    private String encryptRaw(byte[] plain) {
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, plain));
    }

    private byte[] rawPlaintext(String encrypt) {
        return aes(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(encrypt));
    }

    private byte[] aes(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            byte[] raw = key.bytes();
            cipher.init(mode, new SecretKeySpec(raw, "AES"), new IvParameterSpec(Arrays.copyOf(raw, 16)));
            return cipher.doFinal(input);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
