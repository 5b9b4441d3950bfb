package io.wxplatform.testkit;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Decides between embedded servers and Testcontainers.
 *
 * <p>The request comes from system property {@value #PROPERTY} or environment variable {@value #ENV}
 * ({@code auto} | {@code embedded} | {@code containers}; default {@code auto}).
 */
public record ModeSelection(Mode mode, String reason) {

    public static final String PROPERTY = "wxplatform.testkit.mode";
    public static final String ENV = "WXP_TESTKIT_MODE";

    /** Resolves the mode from the JVM's system property and environment. */
    public static ModeSelection fromEnvironment(BooleanSupplier dockerAvailable) {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return resolve(property, "system property " + PROPERTY, dockerAvailable);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return resolve(env, "environment variable " + ENV, dockerAvailable);
        }
        return resolve("auto", "default", dockerAvailable);
    }

    /**
     * Resolves a requested mode. Docker availability is asked only when it matters, because the check itself can
     * take seconds on machines without Docker.
     */
    public static ModeSelection resolve(String requested, String source, BooleanSupplier dockerAvailable) {
        String value = requested.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "embedded" -> new ModeSelection(Mode.EMBEDDED, "embedded requested by " + source);
            case "containers" -> {
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException("Test infrastructure mode 'containers' was requested by " + source
                            + " but no Docker engine is available; start Docker or use mode 'embedded' or 'auto'");
                }
                yield new ModeSelection(Mode.CONTAINERS, "containers requested by " + source);
            }
            case "auto" ->
                dockerAvailable.getAsBoolean()
                        ? new ModeSelection(Mode.CONTAINERS, "auto (" + source + "): a Docker engine is available")
                        : new ModeSelection(Mode.EMBEDDED, "auto (" + source + "): no Docker engine available");
            default ->
                throw new IllegalArgumentException("Unknown test infrastructure mode '" + requested + "' from " + source
                        + "; expected auto, embedded or containers");
        };
    }
}
