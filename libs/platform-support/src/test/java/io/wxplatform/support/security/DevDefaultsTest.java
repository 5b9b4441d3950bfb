package io.wxplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.support.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * The public development credential is usable only where the local platform or a test says so: every service with
 * platform-support (they all guard /internal/**) refuses to start otherwise, naming the setting to provide.
 */
class DevDefaultsTest {

    // The test kit's config/application.properties turns the switch on for tests; each case here sets it itself.
    private final ReactiveWebApplicationContextRunner service = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InternalAuthAutoConfiguration.class))
            .withBean(
                    ProblemWriter.class,
                    () -> new ProblemWriter(ServerCodecConfigurer.create().getWriters()));

    @Test
    void withoutTheSwitchAMissingCredentialStopsTheStartNamingTheSetting() {
        service.withPropertyValues("wxplatform.dev-defaults=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("wxplatform.internal.auth-token is not set")
                    .hasMessageContaining("WXP_INTERNAL_AUTH_TOKEN");
        });
    }

    @Test
    void withoutTheSwitchThePublicCredentialStopsTheStart() {
        service.withPropertyValues("wxplatform.dev-defaults=false", "wxplatform.internal.auth-token=dev-internal-token")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("public development value 'dev-internal-token'")
                        .hasMessageContaining("WXP_INTERNAL_AUTH_TOKEN"));
    }

    @Test
    void withoutTheSwitchThePublicCredentialIsNotAcceptedAsTheSecondOneEither() {
        service.withPropertyValues(
                        "wxplatform.internal.auth-token=a-real-one",
                        "wxplatform.internal.accepted-auth-token=dev-internal-token")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theSwitchIsOffUnlessSet() {
        service.withPropertyValues("wxplatform.internal.auth-token=dev-internal-token")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aRealCredentialStartsWithoutTheSwitch() {
        service.withPropertyValues("wxplatform.internal.auth-token=a-real-one")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(InternalAuthWebFilter.class));
    }

    @Test
    void theSwitchAllowsThePublicCredential() {
        service.withPropertyValues("wxplatform.dev-defaults=true", "wxplatform.internal.auth-token=dev-internal-token")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(InternalAuthWebFilter.class));
    }
}
