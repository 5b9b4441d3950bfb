package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WeChatApiAutoConfigurationTest {

    private final FakeWeChat wechat = new FakeWeChat();
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WeChatApiAutoConfiguration.class));

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aServiceWithoutSettingsTalksToWeChatItselfWithinFiveSeconds() {
        context.run(app -> assertThat(app.getBean(WeChatClientConfig.class))
                .isEqualTo(new WeChatClientConfig(WeChatClientConfig.PRODUCTION, Duration.ofSeconds(5))));
    }

    @Test
    void theClientCallsTheConfiguredBaseUrl() {
        wechat.answer("{\"access_token\":\"T\",\"expires_in\":7200}");
        context.withPropertyValues("wxplatform.wechat.base-url=" + wechat.baseUrl())
                .run(app -> {
                    AccessToken token = app.getBean(WeChatClient.class)
                            .tokens()
                            .stableToken("wx1", "secret", false)
                            .block();

                    assertThat(token.value()).isEqualTo("T");
                    assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/stable_token");
                });
    }

    @Test
    void theClientGivesUpAfterTheConfiguredTimeout() {
        wechat.delay(Duration.ofSeconds(3));
        context.withPropertyValues("wxplatform.wechat.base-url=" + wechat.baseUrl(), "wxplatform.wechat.timeout=200ms")
                .run(app -> {
                    WeChatApiException error = catchThrowableOfType(
                            WeChatApiException.class,
                            () -> app.getBean(WeChatClient.class)
                                    .tokens()
                                    .stableToken("wx1", "secret", false)
                                    .block());

                    assertThat(error.errcode()).isEqualTo(ErrorCodes.TRANSPORT_FAILURE);
                    assertThat(error.category()).isEqualTo(ErrorCategory.RETRYABLE);
                });
    }

    @Test
    void aServicesOwnClientIsKept() {
        WeChatClient own = WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl()));
        context.withBean(WeChatClient.class, () -> own)
                .run(app -> assertThat(app.getBean(WeChatClient.class)).isSameAs(own));
    }
}
