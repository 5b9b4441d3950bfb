package io.wxplatform.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every manifest under deploy/k8s, parsed with fabric8's Kubernetes model. A field the model does not know (a typo,
 * a wrong nesting) lands in a model object's {@code additionalProperties}; {@link #strict} refuses any.
 */
final class Manifests {

    /** deploy/k8s (the module's directory, where Maven runs the tests). */
    static final Path K8S = Path.of("").toAbsolutePath();

    static final Path PROJECT = K8S.resolve("../..").normalize();
    static final List<String> SERVICES =
            List.of("gateway", "callback-service", "token-service", "messaging-service", "user-service");

    static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The built-in kinds the manifests use, by apiVersion/kind; anything else must be a known custom resource. */
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    /** Custom resources of the operators the overlays rely on; their schemas are checked by the tests that use them. */
    static final List<String> CUSTOM = List.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            "mongodbcommunity.mongodb.com/v1/MongoDBCommunity",
            "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule",
            "monitoring.coreos.com/v1/PodMonitor");

    record Manifest(Path file, HasMetadata resource) {

        String kind() {
            return resource.getKind();
        }

        String name() {
            return resource.getMetadata().getName();
        }
    }

    private Manifests() {}

    /** Every resource in the YAML files under {@code dir} (kustomization files and patches excluded). */
    static List<Manifest> under(String dir) {
        try (Stream<Path> files = Files.walk(K8S.resolve(dir))) {
            List<Manifest> manifests = new ArrayList<>();
            for (Path file : files.filter(Manifests::isManifest).sorted().toList()) {
                manifests.addAll(read(file));
            }
            return manifests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml")
                && !name.equals("kustomization.yaml")
                && !file.toString().contains("/target/");
    }

    static List<Manifest> read(Path file) {
        List<Manifest> manifests = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/"
                        + document.path("kind").asText();
                Class<? extends HasMetadata> typed = TYPED.get(type);
                if (typed == null && !CUSTOM.contains(type)) {
                    throw new AssertionError(file + ": unexpected resource type " + type);
                }
                HasMetadata resource = typed != null
                        ? YAML.treeToValue(document, typed)
                        : YAML.treeToValue(document, GenericKubernetesResource.class);
                if (typed != null) {
                    strict(
                            resource,
                            file + " " + type + " " + resource.getMetadata().getName());
                }
                manifests.add(new Manifest(file, resource));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return manifests;
    }

    static <T extends HasMetadata> List<T> of(List<Manifest> manifests, Class<T> kind) {
        return manifests.stream()
                .map(Manifest::resource)
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    static <T extends HasMetadata> T one(List<Manifest> manifests, Class<T> kind, String name) {
        return of(manifests, kind).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    /** A service's own application.yml (the source of its server.port and management settings). */
    static JsonNode applicationYml(String service) {
        return yamlFile(PROJECT.resolve(service).resolve("src/main/resources/application.yml"));
    }

    /** The Kubernetes-only settings deploy/k8s puts in the service's ConfigMap. */
    static JsonNode kubernetesSettings(String service) {
        return yamlFile(K8S.resolve("base").resolve(service).resolve("application-kubernetes.yml"));
    }

    static JsonNode yamlFile(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails naming the path of any field the model did not know (it went to additionalProperties). */
    static void strict(Object model, String path) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                strict(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (model instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> strict(value, path + "." + key));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, model);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    throw new AssertionError(path + ": unknown field(s) " + unknown.keySet());
                }
                continue;
            }
            strict(value, path + "." + getter.getName().substring(3));
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }
}
