package io.wxplatform.support.security;

import org.springframework.core.env.Environment;

/**
 * The switch for the public development values published in this repository: the internal service credential
 * {@value #INTERNAL_AUTH_TOKEN} and token-service's master keys whose id starts with {@code dev}. Only the local
 * platform (deploy/local) and the test kit set {@code wxplatform.dev-defaults=true}; without it a service refuses to
 * start with any of them, naming the setting to provide instead.
 */
public final class DevDefaults {

    public static final String PROPERTY = "wxplatform.dev-defaults";
    public static final String INTERNAL_AUTH_TOKEN = "dev-internal-token";

    private DevDefaults() {}

    public static boolean enabled(Environment environment) {
        return environment.getProperty(PROPERTY, Boolean.class, false);
    }
}
