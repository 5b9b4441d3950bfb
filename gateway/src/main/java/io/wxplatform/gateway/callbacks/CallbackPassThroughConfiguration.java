package io.wxplatform.gateway.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.wxplatform.gateway.problems.EdgeProblems;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Puts {@link CallbackPassThrough} in front of WebFlux (and so of Spring Cloud Gateway) with its own client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallbackPassThroughProperties.class)
class CallbackPassThroughConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider callbackServiceConnections(
            CallbackPassThroughProperties properties,
            @Value("${wxplatform.gateway.timeouts.callback-service.connect-ms}") long connectMs) {
        return ConnectionProvider.builder("callback-service")
                .maxConnections(properties.maxConnections())
                // Waiting for a busy pool is bounded like connecting; the queue itself is not (WeChat's burst).
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMillis(connectMs))
                .maxIdleTime(properties.maxIdleTime())
                .evictInBackground(properties.maxIdleTime())
                .build();
    }

    @Bean
    WebHttpHandlerBuilderCustomizer callbackPassThrough(
            ConnectionProvider callbackServiceConnections,
            CallbackPassThroughProperties properties,
            EdgeProblems problems,
            MeterRegistry registry,
            @Value("${wxplatform.callback-service.url}") String callbackServiceUrl,
            @Value("${wxplatform.gateway.timeouts.callback-service.connect-ms}") int connectMs,
            @Value("${wxplatform.gateway.timeouts.callback-service.response-ms}") long responseMs) {
        HttpClient client = HttpClient.create(callbackServiceConnections)
                .baseUrl(callbackServiceUrl)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMs)
                .responseTimeout(Duration.ofMillis(responseMs))
                // The request body can be read once: a stale pooled connection is a 503 (WeChat retries), not a
                // second send of a body that is already gone.
                .disableRetry(true);
        UpstreamAvailability availability = new UpstreamAvailability(properties.downPause());
        PassThroughMetrics metrics = new PassThroughMetrics(registry);
        return builder -> builder.httpHandlerDecorator(next -> new CallbackPassThrough(
                next, client, properties.maxBodySize().toBytes(), availability, metrics, problems));
    }
}
