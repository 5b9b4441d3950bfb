package io.wxplatform.testkit.auth;

/**
 * One REST operation as the application maps it, e.g. {@code GET /api/v1/tenants/{tenantId}/accounts}.
 *
 * @param method  upper-case HTTP method
 * @param pattern the mapping's path pattern, variables as declared
 */
public record Endpoint(String method, String pattern) implements Comparable<Endpoint> {

    /** Parses {@code "GET /api/v1/…"}. */
    public static Endpoint parse(String methodAndPattern) {
        String[] parts = methodAndPattern.strip().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("Expected \"METHOD /pattern\", got \"" + methodAndPattern + "\"");
        }
        return new Endpoint(parts[0].toUpperCase(java.util.Locale.ROOT), parts[1]);
    }

    @Override
    public int compareTo(Endpoint other) {
        int byPattern = pattern.compareTo(other.pattern);
        return byPattern != 0 ? byPattern : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
