package io.wxplatform.token.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String OLD_KEY = key();
    private static final String NEW_KEY = key();

    private final SecretBox box = new SecretBox(new SecretsProperties(Map.of("k1", OLD_KEY), "k1"));

    @Test
    void aSealedSecretOpensToTheSamePlaintextAndHidesIt() {
        SealedSecret sealed = box.seal("my-app-secret", "wx1|appSecret");

        assertThat(box.open(sealed, "wx1|appSecret")).isEqualTo("my-app-secret");
        assertThat(sealed.kid()).isEqualTo("k1");
        assertThat(sealed.iv()).hasSize(12);
        assertThat(new String(sealed.ct(), StandardCharsets.ISO_8859_1)).doesNotContain("my-app-secret");
        assertThat(sealed.toString()).doesNotContain("my-app-secret");
    }

    @Test
    void sealingTheSameSecretTwiceGivesDifferentCiphertexts() {
        assertThat(box.seal("same", "c").ct())
                .isNotEqualTo(box.seal("same", "c").ct());
    }

    @Test
    void anEnvelopeDoesNotOpenForAnotherAccountOrField() {
        SealedSecret sealed = box.seal("my-app-secret", "wx1|appSecret");

        assertThatThrownBy(() -> box.open(sealed, "wx2|appSecret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("my-app-secret");
    }

    @Test
    void secretsSealedUnderARetiredKeyStillOpenAfterRotation() {
        SealedSecret old = box.seal("sealed-long-ago", "ctx");
        SecretBox rotated = new SecretBox(new SecretsProperties(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2"));

        assertThat(rotated.open(old, "ctx")).isEqualTo("sealed-long-ago");
        assertThat(rotated.seal("new", "ctx").kid()).isEqualTo("k2");
    }

    @Test
    void aMisconfiguredKeyStopsStartUp() {
        assertThatThrownBy(() -> new SecretBox(new SecretsProperties(Map.of("k1", "c2hvcnQ="), "k1")))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox(new SecretsProperties(Map.of("k1", OLD_KEY), "k9")))
                .hasMessageContaining("active-kid");
    }

    @Test
    void aPublicDevelopmentKeyStopsStartUpWithoutTheSwitchNamingWhatToSet() {
        var devOnly = new SecretsProperties(Map.of("dev1", OLD_KEY), "dev1");

        assertThatThrownBy(() -> new SecretBox(devOnly))
                .hasMessageContaining("public development key")
                .hasMessageContaining("WXP_SECRETS_ACTIVE_KID")
                .hasMessageContaining("wxplatform.secrets.keys.");
        assertThat(new SecretBox(devOnly, true).seal("local", "ctx").kid()).isEqualTo("dev1");
    }

    @Test
    void withoutTheSwitchAPublicDevelopmentKeyOpensNothing() {
        SealedSecret underDev = new SecretBox(new SecretsProperties(Map.of("dev1", OLD_KEY), "dev1"), true)
                .seal("sealed-in-development", "ctx");
        // As in a deployment: its own key active, the repository's dev1 still in application.yml.
        SecretBox deployed = new SecretBox(new SecretsProperties(Map.of("dev1", OLD_KEY, "k2", NEW_KEY), "k2"));

        assertThatThrownBy(() -> deployed.open(underDev, "ctx")).hasMessageContaining("no master key with id 'dev1'");
        assertThat(deployed.open(deployed.seal("real", "ctx"), "ctx")).isEqualTo("real");
    }

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
