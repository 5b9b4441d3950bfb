package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wxplatform.events.TopicLayout;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each service as its pod runs it: its executable jar with base/<service>/application-kubernetes.yml on top of its
 * own settings, its own credential and master key (no development values: {@code wxplatform.dev-defaults=false}),
 * on real Kafka and MongoDB. The probes' health groups answer (a group naming a missing health contributor would fail
 * the start), and every log line is one JSON object.
 */
class KubernetesSettingsIT {

    static final List<String> SERVICES = Manifests.SERVICES;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, ServiceProcess> RUNNING = new HashMap<>();

    @BeforeAll
    static void startAsInTheCluster() {
        KafkaProbe.createTopics(TopicLayout.ALL.stream().map(TopicLayout::name).toArray(String[]::new));
        ServiceProcess tokenService = ServiceProcess.start(spec(
                "token-service",
                Map.of(
                        "wxplatform.secrets.keys.k8s1", "Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtb2Yta2V5LiE=",
                        "wxplatform.secrets.active-kid", "k8s1",
                        // Never called in this test: nothing is registered.
                        "wxplatform.wechat.base-url", "http://127.0.0.1:9")));
        RUNNING.put("token-service", tokenService);
        List<Spec> others = new ArrayList<>();
        for (String service : SERVICES) {
            if (!service.equals("token-service")) {
                others.add(spec(
                        service,
                        Map.of(
                                "wxplatform.token-service.url",
                                tokenService.baseUrl(),
                                "wxplatform.wechat.base-url",
                                "http://127.0.0.1:9")));
            }
        }
        ServiceProcess.startAll(others).forEach(process -> RUNNING.put(process.module(), process));
    }

    @AfterAll
    static void stop() {
        RUNNING.values().forEach(ServiceProcess::close);
    }

    static Spec spec(String service, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.putAll(Map.of(
                "spring.config.additional-location",
                "optional:file:"
                        + Manifests.K8S.resolve("base").resolve(service).resolve("application-kubernetes.yml"),
                "spring.kafka.bootstrap-servers",
                TestInfrastructure.kafkaBootstrapServers(),
                "wxplatform.mongodb.uri",
                TestInfrastructure.mongoUri(),
                "wxplatform.internal.auth-token",
                "k8s-it-credential",
                "wxplatform.dev-defaults",
                "false"));
        properties.putAll(extra);
        return Spec.of(service, properties).withHealthTimeout(Duration.ofMinutes(3));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theProbesHealthGroupsAnswer(String service) {
        String base = RUNNING.get(service).baseUrl();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            assertThat(get(base + "/actuator/health/liveness")).isEqualTo(200);
            assertThat(get(base + "/actuator/health/readiness")).isEqualTo(200);
        });
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyLogLineIsOneJsonObject(String service) throws IOException {
        List<String> lines = Files.readAllLines(RUNNING.get(service).logFile()).stream()
                // Spring Boot's banner is printed, not logged.
                .filter(line -> line.startsWith("{") || line.contains(" INFO ") || line.contains(" WARN "))
                .toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("@timestamp").isMissingNode()).as(line).isFalse();
            assertThat(json.path("log").path("level").asText()).as(line).isNotBlank();
        });
        assertThat(lines)
                .anySatisfy(line ->
                        assertThat(JSON.readTree(line).path("message").asText()).startsWith("Started "));
    }

    static int get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
