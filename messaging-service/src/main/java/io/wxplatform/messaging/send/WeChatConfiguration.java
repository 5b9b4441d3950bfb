package io.wxplatform.messaging.send;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.wxplatform.support.security.InternalAuthProperties;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenRotationListener;
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

    /**
     * Drops a cached token as soon as token-service announces its replacement on {@code wx.token.v1}, so a send
     * after a rotation uses the new version instead of meeting 40001 first.
     */
    @Bean(destroyMethod = "close")
    TokenRotationListener tokenRotationListener(TokenClient tokenClient, KafkaProperties kafka) {
        return TokenRotationListener.start(tokenClient, String.join(",", kafka.getBootstrapServers()),
                "messaging-service");
    }
}
