package io.wxplatform.wechat.protocol;

import java.util.Map;

/** Typed reads of XML fields; a malformed number throws IllegalArgumentException so the parser can degrade. */
final class Fields {

    private Fields() {}

    static long longValue(Map<String, String> fields, String name) {
        return Long.parseLong(required(fields, name).trim());
    }

    static int intValue(Map<String, String> fields, String name) {
        return Integer.parseInt(required(fields, name).trim());
    }

    static double doubleValue(Map<String, String> fields, String name) {
        return Double.parseDouble(required(fields, name).trim());
    }

    static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
