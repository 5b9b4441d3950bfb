package io.wxplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard query only metrics that exist: the services' Micrometer meters in Prometheus form
 * (found in the code), or the Kafka Exporter's. Every alert has a runbook section in docs/operations.md.
 */
class AlertRulesTest {

    /** Kafka Exporter's metrics (Strimzi's in dev, kafka-exporter elsewhere) the rules use. */
    static final Set<String> KAFKA_EXPORTER = Set.of("kafka_consumergroup_lag", "kafka_topic_partition_current_offset");

    static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan");

    static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]+)\";");
    static final Pattern BUILDER =
            Pattern.compile("(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*(?:\"([^\"]+)\"|([A-Z_]+))");
    static final Pattern SHORTHAND = Pattern.compile("\\.(counter|timer|gauge)\\(\\s*\"([^\"]+)\"");
    static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([^\"]+)\"\\)");

    static List<Map<String, Object>> alerts() {
        GenericKubernetesResource rule = Manifests.of(
                        Manifests.read(Manifests.K8S.resolve("monitoring/prometheusrule.yaml")),
                        GenericKubernetesResource.class)
                .get(0);
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            alerts.addAll(rules);
        }
        return alerts;
    }

    @Test
    void everyAlertQueriesMetricsThatExist() {
        Set<String> registered = registeredPrometheusNames();
        assertThat(registered)
                .as("meters found in the code")
                .contains(
                        "wx_callback_received_total",
                        "wx_component_verify_ticket_age_seconds",
                        "wx_messaging_send_attempts_total");
        for (Map<String, Object> alert : alerts()) {
            String expr = (String) alert.get("expr");
            Set<String> metrics = metricNames(expr);
            assertThat(metrics).as(alert.get("alert") + " queries no metric").isNotEmpty();
            for (String metric : metrics) {
                assertThat(registered.contains(metric) || KAFKA_EXPORTER.contains(metric))
                        .as(alert.get("alert") + ": " + metric + " is registered by no service")
                        .isTrue();
            }
        }
    }

    @Test
    void theDashboardQueriesMetricsThatExist() throws IOException {
        Set<String> registered = registeredPrometheusNames();
        JsonNode dashboard = Manifests.YAML.readTree(
                Manifests.K8S.resolve("monitoring/dashboards/wxplatform.json").toFile());
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                for (String metric : metricNames(target.path("expr").asText())) {
                    assertThat(registered.contains(metric) || KAFKA_EXPORTER.contains(metric))
                            .as(panel.path("title").asText() + ": " + metric)
                            .isTrue();
                }
            }
        }
        assertThat(titles)
                .contains(
                        "Callbacks by outcome",
                        "Callback latency against WeChat's 5 s",
                        "Kafka consumer lag",
                        "Sends by outcome");
    }

    @Test
    void histogramBucketsAreTurnedOnWhereTheyAreQueried() {
        Set<String> withBuckets = new TreeSet<>();
        for (String service : Manifests.SERVICES) {
            Manifests.kubernetesSettings(service)
                    .path("management")
                    .path("metrics")
                    .path("distribution")
                    .path("percentiles-histogram")
                    .fieldNames()
                    .forEachRemaining(name ->
                            withBuckets.add(prometheus(name.replace("[", "").replace("]", "")) + "_seconds_bucket"));
        }
        for (Map<String, Object> alert : alerts()) {
            metricNames((String) alert.get("expr")).stream()
                    .filter(m -> m.endsWith("_bucket"))
                    .forEach(m -> assertThat(withBuckets)
                            .as(alert.get("alert").toString())
                            .contains(m));
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSection() throws IOException {
        String operations = Files.readString(Manifests.PROJECT.resolve("docs/operations.md"));
        Set<String> anchors = new LinkedHashSet<>();
        Matcher headings = Pattern.compile("(?m)^#{2,4} (.+)$").matcher(operations);
        while (headings.find()) {
            anchors.add(headings.group(1)
                    .trim()
                    .toLowerCase()
                    .replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        for (Map<String, Object> alert : alerts()) {
            String name = (String) alert.get("alert");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("warning", "critical");
            assertThat(annotations.get("summary")).as(name).isNotBlank();
            String runbook = annotations.get("runbook_url");
            assertThat(runbook).as(name).endsWith("docs/operations.md#" + name.toLowerCase());
            assertThat(anchors).as("docs/operations.md has no section " + name).contains(name.toLowerCase());
        }
    }

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings. */
    static Set<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?")
                .matcher(stripped);
        while (identifiers.find()) {
            String name = identifiers.group(1);
            if (identifiers.group(2) == null && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every meter a service or library registers, as Prometheus names (with the suffixes Micrometer adds). */
    static Set<String> registeredPrometheusNames() {
        Set<String> names = new TreeSet<>();
        for (Path source : mainSources()) {
            String code = read(source);
            Map<String, String> constants = new HashMap<>();
            Matcher constant = CONSTANT.matcher(code);
            while (constant.find()) {
                constants.put(constant.group(1), constant.group(2));
            }
            Matcher builder = BUILDER.matcher(code);
            while (builder.find()) {
                String meter = builder.group(2) != null ? builder.group(2) : constants.get(builder.group(3));
                if (meter == null) {
                    continue;
                }
                int end = code.indexOf(".register(", builder.end());
                Matcher unit = BASE_UNIT.matcher(end < 0 ? "" : code.substring(builder.end(), end));
                names.addAll(forms(builder.group(1), meter, unit.find() ? unit.group(1) : null));
            }
            Matcher shorthand = SHORTHAND.matcher(code);
            while (shorthand.find()) {
                String type = Character.toUpperCase(shorthand.group(1).charAt(0))
                        + shorthand.group(1).substring(1);
                names.addAll(forms(type, shorthand.group(2), null));
            }
        }
        return names;
    }

    static List<String> forms(String type, String meter, String baseUnit) {
        String base = prometheus(meter);
        return switch (type) {
            case "Counter" -> List.of(base + "_total");
            case "Timer" ->
                Stream.of("_count", "_sum", "_max", "_bucket")
                        .map(s -> base + "_seconds" + s)
                        .toList();
            case "Gauge" -> List.of(baseUnit == null ? base : base + "_" + baseUnit);
            default ->
                Stream.of("_count", "_sum", "_max", "_bucket")
                        .map(s -> base + (baseUnit == null ? "" : "_" + baseUnit) + s)
                        .toList();
        };
    }

    static String prometheus(String meter) {
        return meter.replace('.', '_').replace('-', '_');
    }

    static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(Manifests.PROJECT)) {
            return files.filter(
                            f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/target/")
                            && !f.startsWith(Manifests.PROJECT.resolve("bench"))
                            && !f.startsWith(Manifests.PROJECT.resolve("sandbox")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
