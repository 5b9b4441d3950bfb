package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wxplatform.k8s.Manifests.Manifest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The base manifests of the five services: what every pod of the platform must have (issue 17, point 1). */
class BaseManifestsTest {

    static final List<String> SERVICES = Manifests.SERVICES;
    static final List<Manifest> BASE = Manifests.under("base");

    /** Labels of pods outside the platform that the dev overlay's policies may name (Strimzi's, the operator's). */
    static final List<Map<String, String>> EXTERNAL_PODS = List.of(
            Map.of("strimzi.io/cluster", "wxplatform", "strimzi.io/kind", "Kafka"),
            Map.of("app", "wxplatform-mongodb-svc"));

    static int serverPort(String service) {
        JsonNode port = Manifests.applicationYml(service).path("server").path("port");
        assertThat(port.isInt()).as(service + " server.port").isTrue();
        return port.asInt();
    }

    static Deployment deployment(String service) {
        return Manifests.one(BASE, Deployment.class, service);
    }

    static Container container(String service) {
        List<Container> containers =
                deployment(service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).as(service + " containers").hasSize(1);
        return containers.get(0);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServiceHasItsResources(String service) {
        assertThat(Manifests.one(BASE, Service.class, service)).isNotNull();
        assertThat(Manifests.one(BASE, ServiceAccount.class, service).getAutomountServiceAccountToken())
                .isFalse();
        assertThat(Manifests.one(BASE, PodDisruptionBudget.class, service)
                        .getSpec()
                        .getMinAvailable()
                        .getIntVal())
                .isEqualTo(1);
        HorizontalPodAutoscaler hpa = Manifests.one(BASE, HorizontalPodAutoscaler.class, service);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(Manifests.one(BASE, NetworkPolicy.class, service)).isNotNull();
        assertThat(deployment(service).getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(service);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void portsMatchTheServersPort(String service) {
        int port = serverPort(service);
        Container container = container(service);
        assertThat(container.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(port);
        });
        Service svc = Manifests.one(BASE, Service.class, service);
        assertThat(svc.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(port);
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void servicesAndBudgetsSelectTheirPods(String service) {
        Deployment deployment = deployment(service);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(selects(deployment.getSpec().getSelector(), podLabels)).isTrue();
        assertThat(podLabels)
                .containsAllEntriesOf(
                        Manifests.one(BASE, Service.class, service).getSpec().getSelector());
        assertThat(selects(
                        Manifests.one(BASE, PodDisruptionBudget.class, service)
                                .getSpec()
                                .getSelector(),
                        podLabels))
                .isTrue();
        assertThat(podLabels).containsEntry("app.kubernetes.io/part-of", "wxplatform");
        // No other service's pods are selected by this service's Service.
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                assertThat(podLabels(other)
                                .entrySet()
                                .containsAll(Manifests.one(BASE, Service.class, service)
                                        .getSpec()
                                        .getSelector()
                                        .entrySet()))
                        .as(other + " pods selected by " + service)
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void probesUseSpringBootsHealthGroups(String service) {
        Container container = container(service);
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");

        JsonNode settings = Manifests.kubernetesSettings(service);
        JsonNode health = settings.path("management").path("endpoint").path("health");
        assertThat(health.path("probes").path("enabled").asBoolean()).isTrue();
        assertThat(members(health.path("group").path("liveness"))).containsExactly("livenessState");
        Set<String> readiness = members(health.path("group").path("readiness"));
        assertThat(readiness).contains("readinessState");
        // What each service needs to do its work (KubernetesSettingsIT proves the contributors exist: Spring Boot
        // refuses to start with a group naming a missing one).
        Set<String> needs = switch (service) {
            // A callback is durable in Kafka or in the MongoDB outbox: it needs neither alone, but passive replies
            // need the rules caught up (ReplyRulesHealth).
            case "callback-service" -> Set.of("readinessState", "replyRules");
            case "token-service" -> Set.of("readinessState", "mongo");
            case "messaging-service", "user-service" -> Set.of("readinessState", "mongo", "kafka");
            default -> Set.of("readinessState");
        };
        assertThat(readiness).containsExactlyInAnyOrderElementsOf(needs);
        boolean dependencies =
                settings.path("wxplatform").path("health").path("dependencies").asBoolean(false);
        assertThat(dependencies)
                .as(service + " turns on the mongo and kafka contributors")
                .isEqualTo(needs.contains("mongo") || needs.contains("kafka"));
        assertThat(Manifests.applicationYml(service)
                        .path("management")
                        .path("endpoints")
                        .path("web")
                        .path("exposure")
                        .path("include")
                        .asText())
                .contains("health")
                .contains("prometheus");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void podsRunLockedDown(String service) {
        PodSpec pod = deployment(service).getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = container(service);
        var security = container.getSecurityContext();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        // A writable /tmp on an emptyDir, and nothing else writable.
        String tmpVolume = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow()
                .getName();
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo(tmpVolume);
            assertThat(v.getEmptyDir()).isNotNull();
        });
        assertThat(container.getVolumeMounts())
                .allSatisfy(m -> assertThat(m.getMountPath().equals("/tmp") || Boolean.TRUE.equals(m.getReadOnly()))
                        .as(m.getMountPath())
                        .isTrue());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void resourcesAreRequestedAndLimited(String service) {
        var resources = container(service).getResources();
        assertThat(resources.getRequests()).containsKeys("cpu", "memory");
        assertThat(resources.getLimits()).containsKeys("cpu", "memory");
        // The JVM's heap is a share of the limit; a request below it would let the node overcommit memory.
        assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
                .isEqualTo(Quantity.getAmountInBytes(resources.getLimits().get("memory")));
        assertThat(Quantity.getAmountInBytes(resources.getRequests().get("cpu")))
                .isLessThanOrEqualTo(
                        Quantity.getAmountInBytes(resources.getLimits().get("cpu")));
        assertThat(env(service)).containsKey("JAVA_TOOL_OPTIONS");
        assertThat(env(service).get("JAVA_TOOL_OPTIONS").getValue()).contains("MaxRAMPercentage");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void shutdownIsGracefulWithinTheGracePeriod(String service) {
        PodSpec pod = deployment(service).getSpec().getTemplate().getSpec();
        List<String> preStop =
                container(service).getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long pause = Long.parseLong(preStop.get(1));
        JsonNode settings = Manifests.kubernetesSettings(service);
        assertThat(settings.path("server").path("shutdown").asText()).isEqualTo("graceful");
        String phase = settings.path("spring")
                .path("lifecycle")
                .path("timeout-per-shutdown-phase")
                .asText();
        assertThat(phase).matches("\\d+s");
        long shutdown = Long.parseLong(phase.substring(0, phase.length() - 1));
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(pause + shutdown);
        var rollout = deployment(service).getSpec().getStrategy().getRollingUpdate();
        assertThat(rollout.getMaxUnavailable().getIntVal()).isZero();
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void podsSpreadAcrossNodes(String service) {
        var constraints = deployment(service).getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        Map<String, String> podLabels =
                deployment(service).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(constraints).anySatisfy(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(selects(c.getLabelSelector(), podLabels)).isTrue();
        });
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void secretsAreReferencedNeverWritten(String service) {
        assertThat(Manifests.of(BASE, Secret.class)).isEmpty();
        JsonNode settings = Manifests.kubernetesSettings(service);
        String text = settings.toString().toLowerCase();
        assertThat(text)
                .doesNotContain("auth-token")
                .doesNotContain("password")
                .doesNotContain("app-secret")
                .doesNotContain("\"keys\"");
        if (!service.equals("gateway")) {
            assertThat(env(service)
                            .get("WXP_INTERNAL_AUTH_TOKEN")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .isEqualTo("wxplatform-internal-auth");
        }
        env(service)
                .values()
                .forEach(variable -> assertThat(variable.getValue() == null
                                || !variable.getName().matches(".*(TOKEN|SECRET|PASSWORD|KEY|URI).*")
                                || variable.getName().equals("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
                        .as(service + " " + variable.getName() + " written into the manifest")
                        .isTrue());
    }

    @Test
    void onlyTheGatewayIsExposedWithTls() {
        List<Ingress> ingresses = Manifests.of(BASE, Ingress.class);
        assertThat(ingresses).singleElement().satisfies(ingress -> {
            assertThat(ingress.getSpec().getTls())
                    .singleElement()
                    .satisfies(tls -> assertThat(tls.getSecretName()).isNotBlank());
            assertThat(ingress.getSpec().getTls().get(0).getHosts())
                    .containsExactlyElementsOf(ingress.getSpec().getRules().stream()
                            .map(r -> r.getHost())
                            .toList());
            assertThat(ingress.getSpec().getRules())
                    .allSatisfy(rule -> assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
                        assertThat(path.getBackend().getService().getName()).isEqualTo("gateway");
                        assertThat(path.getBackend().getService().getPort().getName())
                                .isEqualTo("http");
                    }));
        });
        for (String service : SERVICES) {
            assertThat(Manifests.one(BASE, Service.class, service).getSpec().getType())
                    .isEqualTo("ClusterIP");
        }
    }

    @Test
    void theDefaultIsDeny() {
        NetworkPolicy deny = Manifests.one(BASE, NetworkPolicy.class, "default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        for (String service : SERVICES) {
            assertThat(selects(deny.getSpec().getPodSelector(), podLabels(service)))
                    .as(service)
                    .isTrue();
        }
    }

    @Test
    void networkPoliciesSelectPodsThatExist() {
        List<NetworkPolicy> policies = new java.util.ArrayList<>(Manifests.of(BASE, NetworkPolicy.class));
        policies.addAll(Manifests.of(Manifests.under("overlays"), NetworkPolicy.class));
        for (NetworkPolicy policy : policies) {
            String name = policy.getMetadata().getName();
            assertThat(SERVICES.stream().anyMatch(s -> selects(policy.getSpec().getPodSelector(), podLabels(s))))
                    .as(name + " selects no pod of the platform")
                    .isTrue();
            for (NetworkPolicyPeer peer : peers(policy)) {
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                    boolean ours = SERVICES.stream().anyMatch(s -> selects(peer.getPodSelector(), podLabels(s)));
                    boolean external = EXTERNAL_PODS.stream().anyMatch(l -> selects(peer.getPodSelector(), l));
                    assertThat(ours || external)
                            .as(name + " names pods that do not exist: " + peer)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theGatewayReachesEveryServiceAndTheServicesOnlyWhatTheyNeed() {
        NetworkPolicy gateway = Manifests.one(BASE, NetworkPolicy.class, "gateway");
        Map<String, Integer> reached = new HashMap<>();
        gateway.getSpec()
                .getEgress()
                .forEach(rule -> rule.getTo()
                        .forEach(peer -> reached.put(
                                peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"),
                                rule.getPorts().get(0).getPort().getIntVal())));
        Map<String, Integer> expected = SERVICES.stream()
                .filter(s -> !s.equals("gateway"))
                .collect(Collectors.toMap(s -> s, BaseManifestsTest::serverPort));
        assertThat(reached).isEqualTo(expected);
        // Only the gateway's pods are reachable from the ingress controller.
        for (String service : SERVICES) {
            NetworkPolicy own = Manifests.one(BASE, NetworkPolicy.class, service);
            boolean fromIngressController = own.getSpec().getIngress().stream()
                    .flatMap(rule -> rule.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null
                            && "ingress-nginx"
                                    .equals(peer.getNamespaceSelector()
                                            .getMatchLabels()
                                            .get("kubernetes.io/metadata.name")));
            assertThat(fromIngressController).as(service).isEqualTo(service.equals("gateway"));
        }
        // The services that call WeChat (they have a base URL for it) may leave on 443; the others not.
        NetworkPolicy wechat = Manifests.one(BASE, NetworkPolicy.class, "allow-wechat-api");
        for (String service : SERVICES) {
            boolean callsWeChat = !Manifests.applicationYml(service)
                    .path("wxplatform")
                    .path("wechat")
                    .path("base-url")
                    .isMissingNode();
            assertThat(selects(wechat.getSpec().getPodSelector(), podLabels(service)))
                    .as(service)
                    .isEqualTo(callsWeChat);
        }
        // Exactly the services with a token-service URL reach token-service.
        NetworkPolicy tokens = Manifests.one(BASE, NetworkPolicy.class, "allow-token-service-clients");
        assertThat(tokens.getSpec()
                        .getEgress()
                        .get(0)
                        .getPorts()
                        .get(0)
                        .getPort()
                        .getIntVal())
                .isEqualTo(serverPort("token-service"));
        for (String service : SERVICES) {
            boolean client = !service.equals("gateway")
                    && !Manifests.applicationYml(service)
                            .path("wxplatform")
                            .path("token-service")
                            .path("url")
                            .isMissingNode();
            assertThat(selects(tokens.getSpec().getPodSelector(), podLabels(service)))
                    .as(service)
                    .isEqualTo(client);
        }
    }

    static List<NetworkPolicyPeer> peers(NetworkPolicy policy) {
        List<NetworkPolicyPeer> peers = new java.util.ArrayList<>();
        if (policy.getSpec().getIngress() != null) {
            policy.getSpec().getIngress().forEach(rule -> peers.addAll(rule.getFrom()));
        }
        if (policy.getSpec().getEgress() != null) {
            policy.getSpec().getEgress().forEach(rule -> peers.addAll(rule.getTo()));
        }
        return peers;
    }

    static Map<String, String> podLabels(String service) {
        return deployment(service).getSpec().getTemplate().getMetadata().getLabels();
    }

    static Map<String, EnvVar> env(String service) {
        return container(service).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, v -> v));
    }

    /** matchLabels only (the manifests use no expressions; one would fail here rather than be ignored). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).isNullOrEmpty();
        Map<String, String> match = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(match.entrySet());
    }

    private static Set<String> members(JsonNode group) {
        return Set.of(group.path("include").asText().split(","));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }
}
