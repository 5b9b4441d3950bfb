package io.wxplatform.requestids;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids that are safe to log and forward: a caller's own id is kept only if it looks like an id. The gateway
 * and every service take them from here, so an id the edge kept is one each service keeps too.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private RequestIds() {}

    public static String keepOrGenerate(String incoming) {
        return isValid(incoming) ? incoming : UUID.randomUUID().toString();
    }

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }
}
