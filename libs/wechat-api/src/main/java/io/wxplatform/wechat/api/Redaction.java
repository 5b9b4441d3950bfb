package io.wxplatform.wechat.api;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/** Keeps secrets and tokens out of exception messages and logs. */
final class Redaction {

    /** Request parameters whose values are credentials, in a query string or a JSON body. */
    static final Set<String> SENSITIVE_KEYS = Set.of(
            "access_token",
            "secret",
            "appsecret",
            "refresh_token",
            "component_access_token",
            "component_appsecret",
            "component_verify_ticket",
            "authorizer_access_token",
            "authorizer_refresh_token",
            "authorization_code",
            // A web-authorization code is a one-time credential for the user's identity.
            "code");

    private static final Pattern SENSITIVE_PARAM =
            Pattern.compile("(?i)\\b(" + String.join("|", SENSITIVE_KEYS) + ")=[^&\\s\"]*");

    private Redaction() {}

    /** Masks {@code key=value} pairs of sensitive keys and every literal occurrence of the given values. */
    static String mask(String text, Collection<String> sensitiveValues) {
        if (text == null) {
            return "";
        }
        String masked = text;
        for (String value : sensitiveValues) {
            if (value != null && value.length() >= 4) {
                masked = masked.replace(value, "***");
            }
        }
        return SENSITIVE_PARAM.matcher(masked).replaceAll("$1=***");
    }
}
