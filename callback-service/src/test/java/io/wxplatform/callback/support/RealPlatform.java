package io.wxplatform.callback.support;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real neighbours of callback-service, started once per test JVM: Kafka and MongoDB from the test kit, the
 * sandbox (WeChat) and token-service as their own processes from their executable jars.
 */
public final class RealPlatform {

    public static final String INTERNAL_TOKEN = "callback-it-internal-token";

    private static RealPlatform instance;

    private final ServiceProcess sandbox;
    private final ServiceProcess tokenService;

    private RealPlatform(ServiceProcess sandbox, ServiceProcess tokenService) {
        this.sandbox = sandbox;
        this.tokenService = tokenService;
    }

    public static synchronized RealPlatform get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static RealPlatform start() {
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String mongo = TestInfrastructure.mongoUri();
        KafkaProbe.createTopics(Topics.INBOUND, Topics.COMPONENT, Topics.ACCOUNT, Topics.TOKEN, Topics.REPLY_RULES);
        int sandboxPort = FreePort.pick();
        Spec sandbox = Spec.of("sandbox", Map.of()).withPort(sandboxPort);
        Map<String, String> tokenProperties = new HashMap<>(Map.of(
                "spring.kafka.bootstrap-servers", kafka,
                "wxplatform.mongodb.uri", mongo,
                "wxplatform.mongodb.database", "wx_token_callback_it",
                "wxplatform.internal.auth-token", INTERNAL_TOKEN,
                "wxplatform.wechat.base-url", "http://127.0.0.1:" + sandboxPort));
        // Its admin API trusts the tests' JWT issuer, whose tokens Registration presents.
        tokenProperties.putAll(TestIssuer.shared().serviceProperties());
        Spec tokenService = Spec.of("token-service", tokenProperties);
        List<ServiceProcess> started = ServiceProcess.startAll(List.of(sandbox, tokenService));
        return new RealPlatform(started.get(0), started.get(1));
    }

    public String sandboxUrl() {
        return sandbox.baseUrl();
    }

    public String tokenServiceUrl() {
        return tokenService.baseUrl();
    }

    public String kafkaBootstrapServers() {
        return TestInfrastructure.kafkaBootstrapServers();
    }

    public String mongoUri() {
        return TestInfrastructure.mongoUri();
    }
}
