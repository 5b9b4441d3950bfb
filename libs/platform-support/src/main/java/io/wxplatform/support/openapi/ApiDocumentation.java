package io.wxplatform.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every documented operation shares: the bearer token and the RFC 9457 error answers. */
final class ApiDocumentation {

    static final String BEARER = "bearer-jwt";
    static final String PROBLEM = "Problem";

    private static final Map<String, String> ERRORS = errors();

    private ApiDocumentation() {}

    static void addSecurityAndProblems(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperations().forEach(ApiDocumentation::document);
            }
        });
    }

    private static void document(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        }
        ERRORS.forEach((status, description) -> {
            if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, problemResponse(description));
            }
        });
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; `code` is stable, match on it rather than on `detail`")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().example("/api/v1/tenants/demo/accounts/wx123"))
                .addProperty("code", new StringSchema().example("ACCOUNT_NOT_FOUND"))
                .addProperty(
                        "errors",
                        new ObjectSchema()
                                .description("VALIDATION_FAILED / MALFORMED_REQUEST: message per field name")
                                .additionalProperties(new StringSchema()))
                .addProperty("errcode", new IntegerSchema().description("WECHAT_ERROR: WeChat's errcode"))
                .addProperty("category", new StringSchema().description("WECHAT_ERROR: what the caller should do"))
                .addRequiredItem("status")
                .addRequiredItem("code");
    }

    private static Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "VALIDATION_FAILED (with errors per field) or MALFORMED_REQUEST");
        errors.put("401", "UNAUTHENTICATED: no valid bearer token");
        errors.put("403", "FORBIDDEN: the token's roles do not allow this");
        errors.put("404", "Not found, including another tenant's resources");
        errors.put("429", "RATE_LIMITED at the gateway; see Retry-After");
        errors.put("500", "INTERNAL");
        return errors;
    }
}
