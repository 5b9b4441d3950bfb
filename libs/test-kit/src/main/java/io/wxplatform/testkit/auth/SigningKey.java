package io.wxplatform.testkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/** The issuer's RSA key: fresh for tests, or kept in a file so the local platform's tokens survive restarts. */
final class SigningKey {

    private SigningKey() {}

    static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    /** Reads the key from {@code file}, or generates it and writes it there (owner-only where the OS allows). */
    static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
            temp.toFile().setReadable(false, false);
            temp.toFile().setReadable(true, true);
            Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the issuer key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The issuer key " + file + " is not an RSA JWK", e);
        }
    }
}
