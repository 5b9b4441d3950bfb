package io.wxplatform.testkit.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/** The inventory of a service's tenant-facing endpoints ({@code /api/**}), read from the running application. */
public final class Endpoints {

    private static final String API = "/api/";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private Endpoints() {}

    /** Every {@code /api/**} mapping of an application running in this JVM; a mapping without methods is "ANY". */
    public static Set<Endpoint> of(RequestMappingHandlerMapping mapping) {
        Set<Endpoint> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().keySet().forEach(info -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.add("ANY");
            }
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                if (pattern.getPatternString().startsWith(API)) {
                    methods.forEach(method -> endpoints.add(new Endpoint(method, pattern.getPatternString())));
                }
            }
        });
        return endpoints;
    }

    /** Every {@code /api/**} operation of a service's OpenAPI document (e.g. a service running as a process). */
    public static Set<Endpoint> fromOpenApi(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            Set<Endpoint> endpoints = new TreeSet<>();
            Map<String, Object> paths = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(response.body()), "paths");
            paths.forEach((path, item) -> {
                if (path.startsWith(API) && item instanceof Map<?, ?> operations) {
                    operations.keySet().stream()
                            .map(String::valueOf)
                            .filter(OPERATIONS::contains)
                            .forEach(method -> endpoints.add(new Endpoint(method.toUpperCase(Locale.ROOT), path)));
                }
            });
            return endpoints;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
