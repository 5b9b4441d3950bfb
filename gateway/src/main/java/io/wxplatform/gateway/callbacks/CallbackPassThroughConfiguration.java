package io.wxplatform.gateway.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.wxplatform.gateway.problems.EdgeProblems;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

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
    CallbackFastPath.Relaying callbackRelaying(
            UpstreamConnections callbackServiceConnections,
            CallbackPassThroughProperties properties,
            MeterRegistry registry,
            @Value("${wxplatform.gateway.timeouts.callback-service.response-ms}") long responseMs) {
        return new CallbackFastPath.Relaying(
                callbackServiceConnections,
                properties.maxBodySize().toBytes(),
                Duration.ofMillis(responseMs).toNanos(),
                new UpstreamAvailability(properties.downPause()),
                new PassThroughMetrics(registry));
    }

    /** On each HTTP/1.1 connection, right after Reactor Netty's HTTP codec. */
    @Bean
    NettyServerCustomizer callbackFastPath(CallbackFastPath.Relaying relaying) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
                pipeline.addAfter(NettyPipeline.HttpCodec, CallbackFastPath.NAME, new CallbackFastPath(relaying));
            }
        });
    }

    @Bean
    WebHttpHandlerBuilderCustomizer callbackPassThrough(CallbackFastPath.Relaying relaying, EdgeProblems problems) {
        return builder -> builder.httpHandlerDecorator(next -> new CallbackPassThrough(next, relaying, problems));
    }
}
