package io.wxplatform.support.security;

import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A service started without an issuer refuses every token instead of failing to start or accepting any: callback-
 * service, for one, serves no {@code /api/**} at all. Also keeps Spring Boot from creating its default in-memory user.
 */
@AutoConfiguration(
        after = ReactiveOAuth2ResourceServerAutoConfiguration.class,
        before = ReactiveUserDetailsServiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ReactiveJwtDecoder.class)
public class UnconfiguredIssuerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ReactiveJwtDecoder.class)
    public ReactiveJwtDecoder refusingJwtDecoder() {
        LoggerFactory.getLogger(UnconfiguredIssuerAutoConfiguration.class)
                .warn("spring.security.oauth2.resourceserver"
                        + ".jwt.issuer-uri/jwk-set-uri are not set: every /api/** request will get 401");
        return refusingDecoder();
    }

    static ReactiveJwtDecoder refusingDecoder() {
        return token -> Mono.error(new BadJwtException("No issuer is configured"));
    }
}
