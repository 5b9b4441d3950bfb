package io.wxplatform.token.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.token.TokenServiceApplication;
import io.wxplatform.token.TokenServiceITSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * token-service as a deployment that forgot its settings: with only application.yml's public development values
 * and without {@code wxplatform.dev-defaults=true} it does not start, and says which setting to provide.
 */
class PublicDevelopmentValuesIT {

    private static final String REAL_KEY = "Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtb2Yta2V5LiE=";

    @Test
    void theRepositorysMasterKeyIsRefusedNamingTheSettings() {
        assertThatThrownBy(() -> start("--wxplatform.dev-defaults=false").close())
                .rootCause()
                .hasMessageContaining("WXP_SECRETS_ACTIVE_KID")
                .hasMessageContaining("public development key");
    }

    @Test
    void theRepositorysInternalCredentialIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> start(
                                "--wxplatform.dev-defaults=false",
                                "--wxplatform.internal.auth-token=dev-internal-token",
                                "--wxplatform.secrets.keys.prod1=" + REAL_KEY,
                                "--wxplatform.secrets.active-kid=prod1")
                        .close())
                .rootCause()
                .hasMessageContaining("WXP_INTERNAL_AUTH_TOKEN")
                .hasMessageContaining("public development value");
    }

    @Test
    void itsOwnKeyAndCredentialStartItWithoutTheSwitch() {
        try (ConfigurableApplicationContext context = start(
                "--wxplatform.dev-defaults=false",
                "--wxplatform.secrets.keys.prod1=" + REAL_KEY,
                "--wxplatform.secrets.active-kid=prod1")) {
            assertThat(context.getBean(SecretBox.class).activeKid()).isEqualTo("prod1");
        }
    }

    /** The tests' settings, with {@code extra} ({@code --key=value}) replacing any of the same key. */
    private static ConfigurableApplicationContext start(String... extra) {
        Map<String, String> properties = new LinkedHashMap<>(TokenServiceITSupport.properties());
        properties.put("server.port", "0");
        for (String argument : extra) {
            String[] pair = argument.substring(2).split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(TokenServiceApplication.class).run(args.toArray(String[]::new));
    }
}
