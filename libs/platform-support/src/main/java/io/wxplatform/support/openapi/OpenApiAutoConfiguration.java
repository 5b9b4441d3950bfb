package io.wxplatform.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service's {@code /v3/api-docs}: its {@code /api/**} operations (see {@link OpenApiDefaults}), the bearer JWT
 * scheme and the problem+json error answers, without annotations in the services.
 */
@AutoConfiguration
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public OpenAPI platformOpenApi(@Value("${spring.application.name:service}") String application) {
        return new OpenAPI()
                .info(new Info()
                        .title(application)
                        .version("v1")
                        .description("wxplatform tenant admin API of " + application + "; see docs/api.md"))
                // Relative: the document is read through the gateway, and "Try it out" must go through it too.
                .servers(List.of(new Server().url("/")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        ApiDocumentation.BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT")
                                                .description(
                                                        "JWT with tenant_id and roles (tenant-admin, tenant-viewer, platform-operator)")));
    }

    @Bean
    public GlobalOpenApiCustomizer platformProblemResponses() {
        return ApiDocumentation::addSecurityAndProblems;
    }
}
