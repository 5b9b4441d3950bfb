package io.wxplatform.gateway.headers;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids that are safe to log and forward: a caller's own id is kept only if it looks like an id. */
public final class RequestIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestIds() {
    }

    public static String keepOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : UUID.randomUUID().toString();
    }

    static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }
}
