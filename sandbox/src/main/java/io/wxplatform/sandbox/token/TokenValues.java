package io.wxplatform.sandbox.token;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque token strings, as long as WeChat's (clients must store at least 512 characters). */
final class TokenValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenValues() {}

    static String next() {
        byte[] bytes = new byte[96];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
