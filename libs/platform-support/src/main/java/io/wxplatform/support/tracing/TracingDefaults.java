package io.wxplatform.support.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing off unless a deployment turns it on: Spring Boot samples 10 % by default, the platform samples nothing
 * (locally, in tests). Kubernetes sets the probability and the OTLP endpoint (deploy/k8s, docs/operations.md). Spring
 * Security's own observations are off: they add observations around a request's security filter chains, on top of
 * {@code http.server.requests}, which already times and traces the request (observation and context-propagation
 * code was a fifth of messaging-service's sampled CPU per REST send in the sends benchmark). Added last, so any {@code application.yml}, profile,
 * environment variable or test property wins.
 */
public class TracingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "wxplatformTracingDefaults",
                        Map.of(
                                Tracing.SAMPLING_PROBABILITY,
                                "0.0",
                                "management.observations.enable.spring.security",
                                "false")));
    }
}
