package io.wxplatform.wechat.api;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link WeChatClient} of every service that depends on wechat-api, configured by {@code wxplatform.wechat.*}
 * ({@link WeChatClientConfig}). A service or test that declares its own {@code WeChatClient} keeps it.
 */
@AutoConfiguration
@EnableConfigurationProperties(WeChatClientConfig.class)
public class WeChatApiAutoConfiguration {

    /**
     * Its own connector rather than Boot's builder, observed with the service's registry (traces and metrics) under
     * a convention that names a call by its path: metrics and spans must never see token-bearing URLs.
     */
    @Bean
    @ConditionalOnMissingBean
    public WeChatClient weChatClient(WeChatClientConfig config, ObjectProvider<ObservationRegistry> observations) {
        return WeChatClient.create(config, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
