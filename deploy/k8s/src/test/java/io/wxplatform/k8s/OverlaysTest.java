package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.wxplatform.k8s.Manifests.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overlays' own settings (issue 17, point 2). Rendering them is kubectl's job in {@code .ci/run}; this checks what
 * each says about replicas, autoscaling and where Kafka and MongoDB come from.
 */
class OverlaysTest {

    static JsonNode kustomization(String overlay) {
        return Manifests.yamlFile(
                Manifests.K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml"));
    }

    static Map<String, Integer> replicas(JsonNode kustomization) {
        Map<String, Integer> replicas = new java.util.HashMap<>();
        kustomization
                .path("replicas")
                .forEach(r ->
                        replicas.put(r.path("name").asText(), r.path("count").asInt()));
        return replicas;
    }

    @Test
    void devRunsOneReplicaWithoutAutoscalerOrBudget() {
        JsonNode dev = kustomization("dev");
        assertThat(replicas(dev))
                .containsOnlyKeys(Manifests.SERVICES)
                .allSatisfy((s, count) -> assertThat(count).isEqualTo(1));
        List<String> deleted = new java.util.ArrayList<>();
        dev.path("patches").forEach(p -> {
            if (p.path("patch").asText().contains("$patch: delete")) {
                deleted.add(p.path("target").path("kind").asText());
            }
        });
        assertThat(deleted).containsExactlyInAnyOrder("HorizontalPodAutoscaler", "PodDisruptionBudget");
    }

    @Test
    void devBringsKafkaAndMongoDbFromTheirOperators() {
        List<Manifest> dev = Manifests.under("overlays/dev");
        List<String> resources = new java.util.ArrayList<>();
        kustomization("dev").path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).contains("../../base", "kafka.yaml", "kafka-topics.yaml", "mongodb.yaml");
        GenericKubernetesResource kafka = custom(dev, "Kafka");
        assertThat(kafka.getMetadata().getName()).isEqualTo("wxplatform");
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled");
        // Topics only from KafkaTopic resources (KafkaTopicsTest), never auto-created with the broker's defaults.
        Map<String, Object> config = kafka.get("spec", "kafka", "config");
        assertThat(config).containsEntry("auto.create.topics.enable", false);
        // The services' bootstrap Secret names Strimzi's bootstrap Service of that cluster.
        JsonNode secret = kustomization("dev").path("secretGenerator").get(0);
        assertThat(secret.path("name").asText()).isEqualTo("wxplatform-kafka");
        assertThat(secret.path("literals").get(0).asText())
                .isEqualTo("bootstrap-servers=" + kafka.getMetadata().getName() + "-kafka-bootstrap:9092");
        GenericKubernetesResource mongo = custom(dev, "MongoDBCommunity");
        List<Map<String, Object>> users = mongo.get("spec", "users");
        // The operator writes the connection string the services read (secretKeyRef wxplatform-mongodb).
        assertThat(users).singleElement().satisfies(user -> {
            assertThat(user).containsEntry("connectionStringSecretName", "wxplatform-mongodb");
            assertThat(user).containsKey("passwordSecretRef");
        });
    }

    @Test
    void prodRunsAtLeastTwoReplicasWithExternalKafkaAndMongoDb() {
        JsonNode prod = kustomization("prod");
        assertThat(replicas(prod))
                .containsOnlyKeys(Manifests.SERVICES)
                .allSatisfy((s, count) -> assertThat(count).isGreaterThanOrEqualTo(2));
        assertThat(prod.path("patches").isMissingNode())
                .as("prod keeps the base's HPA and PDB")
                .isTrue();
        List<Manifest> manifests = Manifests.under("overlays/prod");
        assertThat(manifests).noneMatch(m -> m.resource() instanceof GenericKubernetesResource);
        assertThat(prod.path("secretGenerator").isMissingNode()).isTrue();
    }

    @Test
    void noOverlayWritesASecret() {
        assertThat(Manifests.of(Manifests.under("overlays"), Secret.class)).isEmpty();
        for (String overlay : List.of("dev", "prod")) {
            JsonNode kustomization = kustomization(overlay);
            assertThat(Manifests.of(Manifests.under("overlays/" + overlay), Namespace.class))
                    .singleElement()
                    .satisfies(ns -> assertThat(ns.getMetadata().getName())
                            .isEqualTo(kustomization.path("namespace").asText()));
            String generated = kustomization.path("secretGenerator").toString().toLowerCase();
            assertThat(generated)
                    .doesNotContain("token")
                    .doesNotContain("password")
                    .doesNotContain("key");
        }
    }

    static GenericKubernetesResource custom(List<Manifest> manifests, String kind) {
        return Manifests.of(manifests, GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind));
    }
}
