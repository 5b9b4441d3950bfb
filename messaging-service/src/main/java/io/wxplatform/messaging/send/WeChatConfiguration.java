package io.wxplatform.messaging.send;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.wxplatform.support.security.InternalAuthProperties;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.WeChatClient;
import io.wxplatform.wechat.api.WeChatClientConfig;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WeChatProperties.class, TokenServiceProperties.class})
class WeChatConfiguration {

    @Bean
    WeChatClient weChatClient(WeChatProperties properties) {
        return WeChatClient.create(new WeChatClientConfig(properties.baseUrl(), properties.timeout()));
    }

    @Bean
    TokenClient tokenClient(TokenServiceProperties tokenService, InternalAuthProperties internal, Clock clock) {
        return new TokenClient(WebClient.builder(), tokenService.url(), internal.authToken(), clock);
    }
}
