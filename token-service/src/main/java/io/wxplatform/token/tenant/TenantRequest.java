package io.wxplatform.token.tenant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Body of {@code POST /api/v1/tenants}. */
record TenantRequest(String id, String name) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    static final int NAME_MAX = 100;

    /** Field name → what is wrong; empty when the request is valid. */
    Map<String, String> violations() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (id == null || !ID.matcher(id).matches()) {
            errors.put("id", "must be 2-63 lower-case letters, digits or '-', starting with a letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            errors.put("name", "must be 1-" + NAME_MAX + " characters");
        }
        return errors;
    }
}
