package io.wxplatform.wechat.api;

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

    /** Its own connector rather than Boot's builder: request metrics must never see token-bearing URLs. */
    @Bean
    @ConditionalOnMissingBean
    public WeChatClient weChatClient(WeChatClientConfig config) {
        return WeChatClient.create(config);
    }
}
