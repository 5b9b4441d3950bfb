package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemAutoConfiguration;
import io.wxplatform.support.web.ProblemWriter;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Guards {@code /internal/**} of every WebFlux service. Outside the local platform and tests ({@link DevDefaults})
 * a service without its own credential, or with the public development one, does not start.
 */
@AutoConfiguration(after = ProblemAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(InternalAuthProperties.class)
public class InternalAuthAutoConfiguration {

    static final String PROVIDE = "set WXP_INTERNAL_AUTH_TOKEN (wxplatform.internal.auth-token) to the platform's "
            + "service credential; " + DevDefaults.PROPERTY + "=true allows the public development value, for the "
            + "local platform and tests only";

    @Bean
    public ServiceCredential serviceCredential(InternalAuthProperties properties) {
        return new ServiceCredential(properties);
    }

    @Bean
    public InternalAuthWebFilter internalAuthWebFilter(
            InternalAuthProperties properties,
            ServiceCredential credential,
            ProblemWriter problems,
            Environment environment) {
        if (!DevDefaults.enabled(environment)) {
            if (!properties.configured()) {
                throw new IllegalStateException("wxplatform.internal.auth-token is not set: " + PROVIDE);
            }
            if (properties.usesPublicDevelopmentValue()) {
                throw new IllegalStateException("wxplatform.internal.auth-token is the public development value '"
                        + DevDefaults.INTERNAL_AUTH_TOKEN + "': " + PROVIDE);
            }
        } else if (!properties.configured()) {
            LoggerFactory.getLogger(InternalAuthWebFilter.class)
                    .warn("wxplatform.internal.auth-token is not set: every /internal/** request will get 401");
        }
        return new InternalAuthWebFilter(credential, problems);
    }
}
