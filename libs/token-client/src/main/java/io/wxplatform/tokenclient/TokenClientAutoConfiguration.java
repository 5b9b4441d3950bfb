package io.wxplatform.tokenclient;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link TokenClient} of every service that says where token-service is ({@code wxplatform.token-service.url},
 * {@link TokenClientProperties}); it authenticates with {@code wxplatform.internal.auth-token} and reads the
 * service's {@link Clock} bean (the system clock without one). A service or test that declares its own
 * {@code TokenClient} keeps it. With it, {@link WeChatCallProblems} answers a request whose WeChat call failed.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "wxplatform.token-service", name = "url")
@EnableConfigurationProperties(TokenClientProperties.class)
public class TokenClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TokenClient tokenClient(
            TokenClientProperties properties,
            @Value("${wxplatform.internal.auth-token:}") String internalAuthToken,
            ObjectProvider<Clock> clock) {
        return new TokenClient(
                WebClient.builder(),
                properties.url(),
                internalAuthToken,
                clock.getIfAvailable(Clock::systemUTC),
                properties.options());
    }

    /** WeChat's refusals and token-service's failures of a request's WeChat call, as problem+json. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public WeChatCallProblems weChatCallProblems() {
        return new WeChatCallProblems();
    }
}
