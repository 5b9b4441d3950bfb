package io.wxplatform.wechat.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** WeChat callback signatures: hex SHA-1 over the lexicographically sorted concatenation of the inputs. */
public final class Signatures {

    private Signatures() {}

    /** The {@code signature} query parameter of every callback (GET handshake and POST). */
    public static String handshake(String token, String timestamp, String nonce) {
        return sortedSha1(token, timestamp, nonce);
    }

    /** The {@code msg_signature} of an encrypted body, and the {@code MsgSignature} of an encrypted reply. */
    public static String message(String token, String timestamp, String nonce, String encrypt) {
        return sortedSha1(token, timestamp, nonce, encrypt);
    }

    /** Constant-time comparison; false when either side is null. */
    public static boolean matches(String expected, String provided) {
        if (expected == null || provided == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), provided.getBytes(StandardCharsets.UTF_8));
    }

    private static String sortedSha1(String... parts) {
        for (String part : parts) {
            Objects.requireNonNull(part, "signature input must not be null");
        }
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        MessageDigest sha1 = sha1();
        for (String part : sorted) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha1.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-1", e);
        }
    }
}
