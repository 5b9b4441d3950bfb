package io.wxplatform.messaging.send;

import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenRotationListener;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WeChatConfiguration {

    /**
     * Drops a cached token as soon as token-service announces its replacement on {@code wx.token.v1}, so a send
     * after a rotation uses the new version instead of meeting 40001 first.
     */
    @Bean(destroyMethod = "close")
    TokenRotationListener tokenRotationListener(TokenClient tokenClient, KafkaProperties kafka) {
        return TokenRotationListener.start(
                tokenClient, String.join(",", kafka.getBootstrapServers()), "messaging-service");
    }
}
