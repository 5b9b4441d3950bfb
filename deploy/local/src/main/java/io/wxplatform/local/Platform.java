package io.wxplatform.local;

import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox and the five services, each its own JVM, wired to one Kafka, one MongoDB and each other, every REST API
 * trusting one JWT issuer. Used by the local runner (fixed ports, the development issuer) and the end-to-end tests
 * (free ports, the test issuer).
 */
final class Platform implements AutoCloseable {

    /** Where each process listens; 0 everywhere picks free ports. */
    record Ports(int gateway, int callback, int token, int messaging, int user, int sandbox) {

        static Ports local() {
            return new Ports(8080, 8081, 8082, 8083, 8084, 8090);
        }

        static Ports free() {
            return new Ports(pick(), pick(), pick(), pick(), pick(), pick());
        }

        private static int pick() {
            return io.wxplatform.testkit.process.FreePort.pick();
        }
    }

    private final List<ServiceProcess> processes;
    private final Map<String, Spec> specs;
    private final Ports ports;

    private Platform(List<ServiceProcess> processes, List<Spec> specs, Ports ports) {
        this.processes = processes;
        this.specs = new LinkedHashMap<>();
        specs.forEach(spec -> this.specs.put(spec.module(), spec));
        this.ports = ports;
    }

    static Platform start(
            String kafkaBootstrapServers,
            String mongoUri,
            String internalAuthToken,
            TestIssuer issuer,
            Ports ports,
            Path logDir) {
        String sandbox = url(ports.sandbox());
        String token = url(ports.token());
        // Only the gateway is reachable from other machines; everything behind it listens on loopback.
        Map<String, String> loopback = Map.of("server.address", "127.0.0.1");
        // The local platform explicitly allows the public development values (token-service's dev1 master key).
        Map<String, String> infra = with(
                with(issuer.serviceProperties(), loopback),
                Map.of(
                        "spring.kafka.bootstrap-servers", kafkaBootstrapServers,
                        "wxplatform.mongodb.uri", mongoUri,
                        "wxplatform.internal.auth-token", internalAuthToken,
                        "wxplatform.dev-defaults", "true"));
        List<Spec> specs = List.of(
                spec("sandbox", ports.sandbox(), loopback, logDir),
                // The sandbox also plays WeChat's authorization page (component mode); owners come back through the
                // gateway.
                spec(
                        "token-service",
                        ports.token(),
                        with(
                                infra,
                                Map.of(
                                        "wxplatform.wechat.base-url",
                                        sandbox,
                                        "wxplatform.component.login-page-base-url",
                                        sandbox,
                                        "wxplatform.component.public-base-url",
                                        url(ports.gateway()))),
                        logDir),
                spec(
                        "callback-service",
                        ports.callback(),
                        with(infra, Map.of("wxplatform.token-service.url", token)),
                        logDir),
                spec(
                        "messaging-service",
                        ports.messaging(),
                        with(
                                infra,
                                Map.of("wxplatform.wechat.base-url", sandbox, "wxplatform.token-service.url", token)),
                        logDir),
                // The sandbox also plays WeChat's web-authorization page; browsers come back through the gateway.
                spec(
                        "user-service",
                        ports.user(),
                        with(
                                infra,
                                Map.of(
                                        "wxplatform.wechat.base-url",
                                        sandbox,
                                        "wxplatform.token-service.url",
                                        token,
                                        "wxplatform.user.oauth.authorize-url",
                                        sandbox,
                                        "wxplatform.user.oauth.public-url",
                                        url(ports.gateway()))),
                        logDir),
                spec(
                        "gateway",
                        ports.gateway(),
                        with(
                                issuer.serviceProperties(),
                                Map.of(
                                        "wxplatform.callback-service.url", url(ports.callback()),
                                        "wxplatform.token-service.url", token,
                                        "wxplatform.messaging-service.url", url(ports.messaging()),
                                        "wxplatform.user-service.url", url(ports.user()))),
                        logDir));
        return new Platform(ServiceProcess.startAll(specs), specs, ports);
    }

    /**
     * One more instance of a module, configured as the platform's own (same Kafka, MongoDB, neighbours), on
     * {@code port}: a scaled-out deployment. The caller closes it.
     */
    ServiceProcess startAnother(String module, int port) {
        Spec spec = specs.get(module);
        if (spec == null) {
            throw new IllegalArgumentException("No module " + module + " in the platform");
        }
        return ServiceProcess.start(spec.withPort(port));
    }

    String gatewayUrl() {
        return url(ports.gateway());
    }

    String sandboxUrl() {
        return url(ports.sandbox());
    }

    String tokenServiceUrl() {
        return url(ports.token());
    }

    String callbackServiceUrl() {
        return url(ports.callback());
    }

    List<ServiceProcess> processes() {
        return processes;
    }

    @Override
    public void close() {
        // All at once: each close waits up to its grace period, and nothing depends on the order of stopping.
        processes.parallelStream().forEach(ServiceProcess::close);
    }

    /**
     * Six JVMs start at once on two cores; on a busy machine that takes longer than the test kit's default wait.
     * Ready within 90 s is a target the README reports, not a reason to give up.
     */
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(4);

    private static Spec spec(String module, int port, Map<String, String> properties, Path logDir) {
        Spec spec = Spec.of(module, properties).withPort(port).withHealthTimeout(HEALTH_TIMEOUT);
        return logDir == null ? spec : spec.withLogDir(logDir);
    }

    private static Map<String, String> with(Map<String, String> base, Map<String, String> extra) {
        var merged = new LinkedHashMap<>(base);
        merged.putAll(extra);
        return merged;
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
