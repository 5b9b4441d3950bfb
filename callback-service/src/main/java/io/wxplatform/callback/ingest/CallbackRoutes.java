package io.wxplatform.callback.ingest;

import io.wxplatform.support.tracing.RequestTracing;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link CallbackIngress} in front of WebFlux, so that it sees every request first. */
@Configuration(proxyBeanMethods = false)
class CallbackRoutes {

    @Bean
    WebHttpHandlerBuilderCustomizer callbackIngress(
            CallbackIntake intake, CallbackAnswers answers, CallbackMetrics metrics, RequestTracing tracing) {
        return builder ->
                builder.httpHandlerDecorator(next -> new CallbackIngress(next, intake, answers, metrics, tracing));
    }
}
