package io.wxplatform.tokenclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.time.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

class TokenClientAutoConfigurationTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofHours(2));

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeTokenService tokenService = new FakeTokenService(EXPIRES_AT);
    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TokenClientAutoConfiguration.class));

    @AfterEach
    void stop() {
        tokenService.close();
    }

    @Test
    void aServiceThatDoesNotSayWhereTokenServiceIsHasNoTokenClient() {
        context.run(app -> assertThat(app).doesNotHaveBean(TokenClient.class));
    }

    @Test
    void theClientAuthenticatesWithTheServiceCredentialAndKeepsTokensByTheServicesClock() {
        context.withBean(Clock.class, () -> clock)
                .withPropertyValues(
                        "wxplatform.token-service.url=" + tokenService.baseUrl(),
                        "wxplatform.internal.auth-token=" + FakeTokenService.AUTH,
                        "wxplatform.token-service.refresh-margin=10m")
                .run(app -> {
                    TokenClient client = app.getBean(TokenClient.class);
                    assertThat(client.accessToken(APP_ID).block().version()).isEqualTo(1);

                    clock.set(EXPIRES_AT.minus(Duration.ofMinutes(11)));
                    client.accessToken(APP_ID).block();
                    assertThat(tokenService.tokenRequests()).isEqualTo(1);

                    clock.set(EXPIRES_AT.minus(Duration.ofMinutes(9)));
                    client.accessToken(APP_ID).block();
                    assertThat(tokenService.tokenRequests()).isEqualTo(2);
                });
    }

    @Test
    void defaultsAreThoseOfAClientBuiltByHand() {
        context.withPropertyValues("wxplatform.token-service.url=" + tokenService.baseUrl())
                .run(app -> assertThat(app.getBean(TokenClientProperties.class).options())
                        .isEqualTo(TokenClientOptions.defaults()));
    }

    @Test
    void aServicesOwnClientIsKept() {
        TokenClient own =
                new TokenClient(WebClient.builder(), URI.create(tokenService.baseUrl()), FakeTokenService.AUTH, clock);
        context.withBean(TokenClient.class, () -> own)
                .withPropertyValues("wxplatform.token-service.url=" + tokenService.baseUrl())
                .run(app -> assertThat(app.getBean(TokenClient.class)).isSameAs(own));
    }
}
