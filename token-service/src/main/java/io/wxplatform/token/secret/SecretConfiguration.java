package io.wxplatform.token.secret;

import io.wxplatform.support.security.DevDefaults;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    @Bean
    SecretBox secretBox(SecretsProperties properties, Environment environment) {
        return new SecretBox(properties, DevDefaults.enabled(environment));
    }
}
