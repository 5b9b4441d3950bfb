package io.wxplatform.token.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals secrets with AES-256-GCM under the active master key and opens them under whichever key id they carry, so
 * keys can rotate. The context (e.g. {@code wx…|appSecret}) is authenticated data: an envelope copied to another
 * account or field does not open.
 */
public final class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKid;
    private final SecureRandom random = new SecureRandom();

    /** Without the public development keys: as every deployment runs. */
    public SecretBox(SecretsProperties properties) {
        this(properties, false);
    }

    /**
     * @param devDefaults whether keys whose id starts with {@code dev} (published in this repository) may be used:
     *                    only in the local platform and tests (platform-support's {@code DevDefaults})
     */
    public SecretBox(SecretsProperties properties, boolean devDefaults) {
        String active = properties.activeKid();
        if (!devDefaults && active != null && isDevelopmentKey(active)) {
            throw new IllegalStateException("wxplatform.secrets.active-kid is '" + active + "', a public development "
                    + "key: set WXP_SECRETS_ACTIVE_KID and wxplatform.secrets.keys.<that id> (base64 of 32 random "
                    + "bytes); wxplatform.dev-defaults=true allows it, for the local platform and tests only");
        }
        properties.keys().forEach((kid, base64) -> {
            // Outside development a public key must not open anything either: its secrets are not secret.
            if (devDefaults || !isDevelopmentKey(kid)) {
                keys.put(kid, key(kid, base64));
            }
        });
        if (active == null || !keys.containsKey(active)) {
            throw new IllegalStateException("wxplatform.secrets.active-kid must name one of wxplatform.secrets.keys");
        }
        this.activeKid = active;
        if (isDevelopmentKey(activeKid)) {
            log.warn(
                    "Secrets are sealed with the public development master key '{}' (wxplatform.dev-defaults=true)",
                    activeKid);
        }
    }

    private static boolean isDevelopmentKey(String kid) {
        return kid.startsWith("dev");
    }

    public SealedSecret seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKid), iv, context);
            return new SealedSecret(activeKid, iv, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public String open(SealedSecret sealed, String context) {
        SecretKey key = keys.get(sealed.kid());
        if (key == null) {
            throw new IllegalStateException("no master key with id '" + sealed.kid() + "' is configured");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.iv(), context);
            return new String(cipher.doFinal(sealed.ct()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Never the cause's details: they add nothing and the context names the secret.
            throw new IllegalStateException("a sealed secret (key id '" + sealed.kid() + "') failed to open");
        }
    }

    public String activeKid() {
        return activeKid;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKey key(String kid, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("master key '" + kid + "' is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("master key '" + kid + "' must be 32 bytes, is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
