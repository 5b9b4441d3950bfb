package io.wxplatform.local;

import io.wxplatform.events.TopicLayout;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.KafkaBrokerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole platform on one machine: Kafka and MongoDB (embedded unless {@code KAFKA_BOOTSTRAP_SERVERS} /
 * {@code MONGODB_URI} point elsewhere), a development JWT issuer, the sandbox, the five services and a demo account.
 * Ctrl-C stops all of it.
 */
public final class LocalPlatform {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /** The local broker's JVM: small, and quick to start rather than fast at its peak. */
    private static final List<String> KAFKA_JVM_FLAGS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The development issuer's port; its key stays in {@code data/dev-issuer/}, so minted tokens survive restarts. */
    static final int DEV_ISSUER_PORT = 8079;

    private LocalPlatform() {}

    static Path devIssuerKey(Path data) {
        return data.resolve("dev-issuer").resolve("signing-key.json");
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path data =
                Path.of(System.getenv().getOrDefault("WXP_DATA_DIR", "data")).toAbsolutePath();
        Path logs = Files.createDirectories(data.resolve("logs"));
        Deque<AutoCloseable> toStop = new ArrayDeque<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(toStop), "local-platform-stop"));

        String mongoUri = System.getenv("MONGODB_URI");
        if (mongoUri == null || mongoUri.isBlank()) {
            var mongo = MongoWireServer.start(data.resolve("mongo"), 27017);
            toStop.push(mongo);
            mongoUri = mongo.uri();
            log.info("MongoDB wire server (H2 file in {}) at {}", data.resolve("mongo"), mongoUri);
        }
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (kafka == null || kafka.isBlank()) {
            var broker = KafkaBrokerProcess.start(
                    data.resolve("kafka"), 9092, 9093, logs.resolve("kafka.log"), KAFKA_JVM_FLAGS);
            toStop.push(broker);
            kafka = broker.bootstrapServers();
            log.info("Kafka (KRaft, log in {}) at {}", data.resolve("kafka"), kafka);
        }
        KafkaBrokerProcess.createTopics(kafka, TopicLayout.ALL);
        var issuer = TestIssuer.start(DEV_ISSUER_PORT, devIssuerKey(data));
        toStop.push(issuer);
        log.info(
                "Development JWT issuer at {} (key in {})",
                issuer.issuer(),
                devIssuerKey(data).getParent());

        log.info("Starting the sandbox and the five services (logs in {})...", logs);
        // A fresh service credential per run: nothing outside this machine's processes can call internal APIs.
        String internalToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        var platform = Platform.start(kafka, mongoUri, internalToken, issuer, Platform.Ports.local(), logs);
        toStop.push(platform);

        var demo = DemoAccount.standard();
        demo.register(platform.gatewayUrl(), platform.sandboxUrl(), issuer.operator());
        String welcome = demo.showcase(
                platform.gatewayUrl(), platform.sandboxUrl(), issuer.mint(demo.tenantId(), "tenant-admin"));
        printWelcome(platform, kafka, mongoUri, demo, welcome, Duration.ofNanos(System.nanoTime() - started));
        new CountDownLatch(1).await();
    }

    private static void printWelcome(
            Platform platform, String kafka, String mongoUri, DemoAccount demo, String welcome, Duration startup) {
        System.out.printf(
                """

                wxplatform is up (%.1f s).
                  gateway            %s   (REST /api/**, WeChat callbacks /wx/**)
                  callback-service   http://127.0.0.1:8081
                  token-service      http://127.0.0.1:8082
                  messaging-service  http://127.0.0.1:8083
                  user-service       http://127.0.0.1:8084
                  sandbox (WeChat)   %s
                  Kafka              %s
                  MongoDB            %s
                Demo tenant '%s', account %s (verified service account, safe mode).

                The demo registered a reply rule (a text containing "hello" is answered passively), its follower
                said hello, and the tenant answered with a customer-service message through the REST API.
                Make the demo follower say hello again and see the rule's reply:
                  %s

                Mint a token for the demo tenant's admin (JWT issuer %s) and call the REST API:
                  TOKEN=$(./deploy/local/token.sh %s tenant-admin)
                  curl -s -H "Authorization: Bearer $TOKEN" %s/api/v1/tenants/%s/accounts/%s/messages
                  curl -s -H "Authorization: Bearer $TOKEN" %s
                Send the follower a customer-service message (within 48 hours of its last message):
                  %s
                (roles: tenant-admin, tenant-viewer; a platform operator: ./deploy/local/token.sh - platform-operator)

                Ctrl-C stops everything.
                """,
                startup.toMillis() / 1000.0,
                platform.gatewayUrl(),
                platform.sandboxUrl(),
                kafka,
                mongoUri,
                demo.tenantId(),
                demo.appId(),
                demo.helloCommand(platform.sandboxUrl()),
                "http://127.0.0.1:" + DEV_ISSUER_PORT,
                demo.tenantId(),
                platform.gatewayUrl(),
                demo.tenantId(),
                demo.appId(),
                welcome,
                demo.customerServiceCommand(platform.gatewayUrl()));
    }

    private static void stopAll(Deque<AutoCloseable> toStop) {
        System.out.println("Stopping wxplatform...");
        while (!toStop.isEmpty()) {
            try {
                toStop.pop().close();
            } catch (Exception e) {
                log.warn("while stopping: {}", e.toString());
            }
        }
    }
}
