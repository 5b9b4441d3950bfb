package io.wxplatform.local;

import io.wxplatform.events.TopicLayout;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.FreePort;
import io.wxplatform.testkit.process.ProjectRoot;
import io.wxplatform.testkit.process.ServiceProcess;

/**
 * The whole platform as separate processes, started by the local runner's own {@link Platform} code, once per test
 * JVM for every end-to-end test: the sandbox, the five services and a second callback-service instance on the same
 * Kafka, MongoDB and token-service, as a scaled-out deployment runs it. Six JVMs take about a minute to start on two
 * cores, so the tests share them (each works on its own tenant and accounts) and a shutdown hook stops them.
 */
final class E2ePlatform {

    static final String INTERNAL_TOKEN = "e2e-internal-token";

    private static E2ePlatform instance;

    private final Platform platform;
    private final ServiceProcess secondCallbackService;

    private E2ePlatform(Platform platform, ServiceProcess secondCallbackService) {
        this.platform = platform;
        this.secondCallbackService = secondCallbackService;
    }

    static synchronized E2ePlatform get() {
        if (instance == null) {
            KafkaProbe.createTopics(
                    TopicLayout.ALL.stream().map(TopicLayout::name).toArray(String[]::new));
            Platform platform = Platform.start(
                    TestInfrastructure.kafkaBootstrapServers(),
                    TestInfrastructure.mongoUri(),
                    INTERNAL_TOKEN,
                    TestIssuer.shared(),
                    Platform.Ports.free(),
                    ProjectRoot.find().resolve("deploy/local/target/process-logs"));
            ServiceProcess second;
            try {
                second = platform.startAnother("callback-service", FreePort.pick());
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            instance = new E2ePlatform(platform, second);
            E2ePlatform started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-platform-stop"));
        }
        return instance;
    }

    Platform platform() {
        return platform;
    }

    String gatewayUrl() {
        return platform.gatewayUrl();
    }

    String sandboxUrl() {
        return platform.sandboxUrl();
    }

    String callbackServiceUrl() {
        return platform.callbackServiceUrl();
    }

    String secondCallbackServiceUrl() {
        return secondCallbackService.baseUrl();
    }

    private void close() {
        secondCallbackService.close();
        platform.close();
    }
}
