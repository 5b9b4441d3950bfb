package io.wxplatform.support.security;

import io.wxplatform.support.web.ProblemAutoConfiguration;
import io.wxplatform.support.web.ProblemWriter;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Guards {@code /internal/**} of every WebFlux service; without a configured token, every internal call is refused. */
@AutoConfiguration(after = ProblemAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(InternalAuthProperties.class)
public class InternalAuthAutoConfiguration {

    @Bean
    public InternalAuthWebFilter internalAuthWebFilter(InternalAuthProperties properties, ProblemWriter problems) {
        if (!properties.configured()) {
            LoggerFactory.getLogger(InternalAuthWebFilter.class)
                    .warn("wxplatform.internal.auth-token is not set: every /internal/** request will get 401");
        }
        return new InternalAuthWebFilter(properties, problems);
    }
}
