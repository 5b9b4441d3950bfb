package io.wxplatform.support.tracing;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The platform's trace hooks, on when {@link Tracing#enabled} (sampling above 0): every {@code KafkaTemplate} bean
 * observes its sends (a producer span, and {@code traceparent} in the record's headers), and {@link RequestTracing}
 * opens server spans for handlers outside WebFlux's dispatcher. Consumers continue a record's trace in
 * {@code support.kafka.TopicConsumer}; WebFlux, WebClient and Spring Cloud Gateway observe HTTP themselves.
 */
@AutoConfiguration
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public RequestTracing requestTracing(Environment environment, ObjectProvider<ObservationRegistry> registry) {
        ObservationRegistry observations = registry.getIfAvailable();
        return Tracing.enabled(environment) && observations != null
                ? RequestTracing.on(observations)
                : RequestTracing.off();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    static class KafkaTemplateObservation {

        /** Static: a post-processor is created before the other beans. */
        @Bean
        static BeanPostProcessor kafkaTemplateObservation(Environment environment) {
            boolean enabled = Tracing.enabled(environment);
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (enabled && bean instanceof KafkaTemplate<?, ?> template) {
                        KafkaSendTracing.observe(template, null);
                    }
                    return bean;
                }
            };
        }
    }
}
