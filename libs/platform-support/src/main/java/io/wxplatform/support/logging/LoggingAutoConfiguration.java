package io.wxplatform.support.logging;

import io.wxplatform.support.web.RequestIdWebFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Hooks;

/**
 * Request and event ids in every log line, with no per-service configuration: Reactor context values travel into the
 * MDC on every thread hop, and {@link LoggingDefaults} puts the ids in the default log pattern.
 *
 * <p>That propagation wraps every thread hop and every foreign publisher in every service of the JVM. A service whose
 * hot path carries its ids itself ({@link LogContext#logWithRequestId}) may turn it off with
 * {@code wxplatform.logging.context-propagation=false}; callback-service does.
 */
@AutoConfiguration
public class LoggingAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "wxplatform.logging.context-propagation", havingValue = "true", matchIfMissing = true)
    static class AutomaticContextPropagation {

        AutomaticContextPropagation() {
            LogContext.registerMdcAccessors();
            Hooks.enableAutomaticContextPropagation();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class RequestIdConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RequestIdWebFilter requestIdWebFilter() {
            return new RequestIdWebFilter();
        }
    }
}
