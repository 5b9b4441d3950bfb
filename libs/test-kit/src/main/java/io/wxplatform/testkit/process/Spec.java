package io.wxplatform.testkit.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one service.
 *
 * @param module        module folder relative to the project root, e.g. {@code callback-service}
 * @param properties    Spring properties, passed as {@code --key=value} arguments
 * @param port          {@code server.port}; 0 picks a free port (unless {@code properties} has {@code server.port})
 * @param logDir        where the log goes; {@code null} means {@code <root>/<module>/target/process-logs}
 * @param jvmArgs       JVM flags; {@link #SMALL_FOOTPRINT} by default
 * @param env           extra environment variables
 * @param healthTimeout how long to wait for {@code /actuator/health} to answer 200
 */
public record Spec(
        String module,
        Map<String, String> properties,
        int port,
        Path logDir,
        List<String> jvmArgs,
        Map<String, String> env,
        Duration healthTimeout) {

    /** Several services share two cores: a quick JIT, a serial collector and a small heap and stacks. */
    public static final List<String> SMALL_FOOTPRINT =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx384m");

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(90);

    public Spec {
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("module is required");
        }
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        jvmArgs = List.copyOf(jvmArgs == null ? SMALL_FOOTPRINT : jvmArgs);
        env = Map.copyOf(env == null ? Map.of() : env);
        healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
    }

    public static Spec of(String module, Map<String, String> properties) {
        return new Spec(module, properties, 0, null, null, null, null);
    }

    public Spec withProperty(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.put(key, value);
        return new Spec(module, merged, port, logDir, jvmArgs, env, healthTimeout);
    }

    public Spec withPort(int port) {
        return new Spec(module, properties, port, logDir, jvmArgs, env, healthTimeout);
    }

    public Spec withLogDir(Path logDir) {
        return new Spec(module, properties, port, logDir, jvmArgs, env, healthTimeout);
    }

    public Spec withJvmArgs(List<String> jvmArgs) {
        return new Spec(module, properties, port, logDir, jvmArgs, env, healthTimeout);
    }

    public Spec withEnv(Map<String, String> env) {
        return new Spec(module, properties, port, logDir, jvmArgs, env, healthTimeout);
    }

    public Spec withHealthTimeout(Duration healthTimeout) {
        return new Spec(module, properties, port, logDir, jvmArgs, env, healthTimeout);
    }

    /** The last folder of the module path, used for the log file name. */
    public String name() {
        return Path.of(module).getFileName().toString();
    }
}
