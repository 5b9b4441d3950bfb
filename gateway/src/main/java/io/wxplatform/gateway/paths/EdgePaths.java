package io.wxplatform.gateway.paths;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Classifies a raw request path: internal APIs are hidden, ambiguous paths refused. */
public final class EdgePaths {

    private static final String INTERNAL_SEGMENT = "internal";

    private EdgePaths() {}

    public static PathVerdict classify(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return PathVerdict.ROUTE;
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\") || lower.contains("%25")) {
            return PathVerdict.BAD_REQUEST;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return PathVerdict.BAD_REQUEST;
        }
        String first = null;
        for (String segment : decoded.split("/")) {
            String name = withoutMatrixParameters(segment);
            if (name.equals(".") || name.equals("..")) {
                return PathVerdict.BAD_REQUEST;
            }
            if (first == null && !name.isEmpty()) {
                first = name;
            }
        }
        return INTERNAL_SEGMENT.equalsIgnoreCase(first) ? PathVerdict.NOT_FOUND : PathVerdict.ROUTE;
    }

    private static String withoutMatrixParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }
}
