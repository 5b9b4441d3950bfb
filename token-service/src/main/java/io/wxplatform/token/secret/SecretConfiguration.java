package io.wxplatform.token.secret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    @Bean
    SecretBox secretBox(SecretsProperties properties) {
        return new SecretBox(properties);
    }
}
