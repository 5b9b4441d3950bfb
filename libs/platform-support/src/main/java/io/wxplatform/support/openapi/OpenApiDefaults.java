package io.wxplatform.support.openapi;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** springdoc defaults for every service; added last, so a service's own settings win. */
public class OpenApiDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "wxplatformOpenApiDefaults",
                        Map.of(
                                // Only the public API: /internal/** is never routed, so documenting it would only help
                                // an attacker.
                                "springdoc.paths-to-match", "/api/**",
                                // Our controllers answer JSON; without this springdoc documents them as */*.
                                "springdoc.default-produces-media-type", "application/json",
                                // Errors are documented once, as problem+json (ApiDocumentation), not per exception
                                // handler.
                                "springdoc.override-with-generic-response", "false")));
    }
}
