package io.wxplatform.sandbox.component;

import java.security.SecureRandom;
import java.util.Base64;

/** Opaque values in WeChat's shapes ({@code ticket@@@…}, {@code preauthcode@@@…}, {@code refreshtoken@@@…}). */
final class ComponentValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ComponentValues() {}

    static String next(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String ticket() {
        return next("ticket@@@", 48);
    }

    static String preAuthCode() {
        return next("preauthcode@@@", 32);
    }

    static String authCode() {
        return next("queryauthcode@@@", 32);
    }

    static String refreshToken() {
        return next("refreshtoken@@@", 32);
    }

    /** Access tokens as long as WeChat's (clients must store at least 512 characters). */
    static String accessToken() {
        return next("", 96);
    }
}
