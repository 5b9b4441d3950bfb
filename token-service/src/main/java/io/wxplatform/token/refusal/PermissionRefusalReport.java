package io.wxplatform.token.refusal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's report that WeChat refused one of its calls for the account with a PERMISSION-category errcode (48001
 * API unauthorized, 61007 not granted to the platform), from token-client's {@code withToken}.
 *
 * @param api      the WeChat API path called ({@code /cgi-bin/menu/create})
 * @param apiGroup its group of WeChat's permission table, when known
 */
record PermissionRefusalReport(String api, String apiGroup, Integer errcode, String errmsg) {

    static final int MAX_TEXT = 256;

    Map<String, String> violations() {
        Map<String, String> violations = new LinkedHashMap<>();
        if (api == null || api.isBlank() || api.length() > MAX_TEXT) {
            violations.put("api", "required, at most " + MAX_TEXT + " characters");
        }
        if (apiGroup != null && (apiGroup.isBlank() || apiGroup.length() > 64)) {
            violations.put("apiGroup", "an API group name when given");
        }
        if (errcode == null) {
            violations.put("errcode", "required");
        }
        if (errmsg != null && errmsg.length() > MAX_TEXT) {
            violations.put("errmsg", "at most " + MAX_TEXT + " characters");
        }
        return violations;
    }
}
