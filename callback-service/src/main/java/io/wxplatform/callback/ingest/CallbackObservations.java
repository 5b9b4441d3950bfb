package io.wxplatform.callback.ingest;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Callbacks are metered by {@link CallbackMetrics} (by account, type, outcome and reject reason, against WeChat's
 * deadline), so the generic {@code http.server.requests} observation is skipped for them: it would only repeat the
 * same figures with less meaning, at a cost on every callback. Actuator and every other path keep it.
 */
@Configuration(proxyBeanMethods = false)
class CallbackObservations {

    @Bean
    ObservationPredicate callbacksObservedByCallbackMetrics() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getPath().pathWithinApplication().value().startsWith("/wx/"));
    }
}
