package io.wxplatform.support.logging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the request id (or, in a consumer, the event id) into Spring Boot's default console and file log patterns.
 * Added last, so a service's own {@code logging.pattern.correlation} still wins.
 */
public class LoggingDefaults implements EnvironmentPostProcessor {

    static final String PATTERN = "[%X{" + LogContext.REQUEST_ID + ":-}%X{" + LogContext.EVENT_ID + ":-}] ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "wxplatformLoggingDefaults", Map.of("logging.pattern.correlation", PATTERN)));
    }
}
