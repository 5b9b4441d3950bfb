package io.wxplatform.token.component;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Body of {@code POST /api/v1/tenants/{tenantId}/authorizations}. */
record StartAuthorizationRequest(String componentAppId, String returnUrl) {

    private static final int URL_MAX = 2048;

    Map<String, String> violations() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (componentAppId == null
                || !ComponentRequest.APP_ID.matcher(componentAppId).matches()) {
            errors.put("componentAppId", "must be 'wx' followed by 16 lower-case hex characters");
        }
        if (returnUrl != null && !absoluteHttp(returnUrl)) {
            errors.put("returnUrl", "must be an absolute http(s) URL of at most " + URL_MAX + " characters");
        }
        return errors;
    }

    private static boolean absoluteHttp(String url) {
        try {
            URI uri = URI.create(url);
            return url.length() <= URL_MAX
                    && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
