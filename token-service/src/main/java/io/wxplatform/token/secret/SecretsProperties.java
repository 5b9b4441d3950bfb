package io.wxplatform.token.secret;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Master keys for secrets at rest.
 *
 * @param keys      key id → base64 of a 32-byte AES key; old ids stay here until nothing is sealed under them
 * @param activeKid the key new secrets are sealed with
 */
@ConfigurationProperties("wxplatform.secrets")
public record SecretsProperties(Map<String, String> keys, String activeKid) {

    public SecretsProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
