package io.wxplatform.gateway.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.gateway.problems.EdgeProblems;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link CallbackPassThrough} in front of WebFlux (and so of Spring Cloud Gateway) with its own client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallbackPassThroughProperties.class)
class CallbackPassThroughConfiguration {

    @Bean(destroyMethod = "close")
    UpstreamConnections callbackServiceConnections(
            CallbackPassThroughProperties properties,
            @Value("${wxplatform.callback-service.url}") String callbackServiceUrl,
            @Value("${wxplatform.gateway.timeouts.callback-service.connect-ms}") long connectMs) {
        // Waiting for a busy pool is bounded like connecting; the queue itself is not (WeChat's burst).
        return new UpstreamConnections(
                callbackServiceUrl,
                properties.maxConnections(),
                Duration.ofMillis(connectMs),
                Duration.ofMillis(connectMs),
                properties.maxIdleTime());
    }

    @Bean
    WebHttpHandlerBuilderCustomizer callbackPassThrough(
            UpstreamConnections callbackServiceConnections,
            CallbackPassThroughProperties properties,
            EdgeProblems problems,
            MeterRegistry registry,
            @Value("${wxplatform.gateway.timeouts.callback-service.response-ms}") long responseMs) {
        UpstreamAvailability availability = new UpstreamAvailability(properties.downPause());
        PassThroughMetrics metrics = new PassThroughMetrics(registry);
        return builder -> builder.httpHandlerDecorator(next -> new CallbackPassThrough(
                next,
                callbackServiceConnections,
                Duration.ofMillis(responseMs),
                properties.maxBodySize().toBytes(),
                availability,
                metrics,
                problems));
    }
}
