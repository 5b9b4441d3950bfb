package io.wxplatform.user;

import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The real sandbox (as WeChat) and token-service, started once per JVM as their own processes. */
public final class RealDependencies {

    public static final String INTERNAL_AUTH_TOKEN = "it-internal-token";

    private static ServiceProcess sandbox;
    private static ServiceProcess tokenService;

    private RealDependencies() {}

    public static synchronized String sandboxUrl() {
        start();
        return sandbox.baseUrl();
    }

    public static synchronized String tokenServiceUrl() {
        start();
        return tokenService.baseUrl();
    }

    /** user-service under test: real Kafka and MongoDB, the sandbox as WeChat, token-service for tokens. */
    public static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> INTERNAL_AUTH_TOKEN);
        registry.add("wxplatform.user.oauth.authorize-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.user.oauth.public-url", () -> OAuthBrowser.PUBLIC_URL);
    }

    private static void start() {
        if (sandbox != null) {
            return;
        }
        int sandboxPort = FreePort.pick();
        List<ServiceProcess> started = ServiceProcess.startAll(List.of(
                Spec.of("sandbox", Map.of()).withPort(sandboxPort),
                Spec.of("token-service", tokenServiceProperties(sandboxPort))));
        sandbox = started.get(0);
        tokenService = started.get(1);
    }

    private static Map<String, String> tokenServiceProperties(int sandboxPort) {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.putAll(Map.of(
                "spring.kafka.bootstrap-servers",
                TestInfrastructure.kafkaBootstrapServers(),
                "wxplatform.mongodb.uri",
                TestInfrastructure.mongoUri(),
                "wxplatform.wechat.base-url",
                "http://127.0.0.1:" + sandboxPort,
                "wxplatform.internal.auth-token",
                INTERNAL_AUTH_TOKEN));
        return properties;
    }
}
