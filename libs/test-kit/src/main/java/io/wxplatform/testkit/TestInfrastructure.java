package io.wxplatform.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Real Kafka and MongoDB for tests, one of each per JVM, started on first use and stopped by a shutdown hook.
 *
 * <p>Kafka and MongoDB start independently, so a test that needs only MongoDB never pays for a broker.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static ModeSelection selection;
    private static KafkaServer kafka;
    private static MongoServerHandle mongo;
    private static boolean hookRegistered;

    private TestInfrastructure() {}

    /** Bootstrap servers of the shared broker, e.g. {@code 127.0.0.1:40123}. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            registerShutdownHook();
            kafka = mode() == Mode.CONTAINERS ? KafkaServer.container() : KafkaServer.embedded();
        }
        return kafka.bootstrapServers();
    }

    /** Connection string of the shared MongoDB server, e.g. {@code mongodb://127.0.0.1:40124}. */
    public static synchronized String mongoUri() {
        if (mongo == null) {
            registerShutdownHook();
            mongo = mode() == Mode.CONTAINERS ? MongoServerHandle.container() : MongoServerHandle.embedded();
        }
        return mongo.uri();
    }

    /** The mode in use; decided once per JVM and logged. */
    public static synchronized Mode mode() {
        if (selection == null) {
            selection = ModeSelection.fromEnvironment(TestInfrastructure::dockerAvailable);
            log.info("Test infrastructure mode {}: {}", selection.mode(), selection.reason());
        }
        return selection.mode();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void registerShutdownHook() {
        if (!hookRegistered) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "test-infrastructure-stop"));
            hookRegistered = true;
        }
    }

    private static synchronized void stopAll() {
        if (kafka != null) {
            kafka.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }
}
