package io.wxplatform.token.component;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's components from configuration ({@code wxplatform.components[i].…}), stored at start-up; the
 * operator API can add or replace them later.
 */
@ConfigurationProperties("wxplatform")
public record ComponentSeeds(List<Seed> components) {

    public ComponentSeeds {
        components = components == null ? List.of() : List.copyOf(components);
    }

    public record Seed(String componentAppId, String appSecret, String token, String encodingAesKey) {

        @Override
        public String toString() {
            return "Seed[" + componentAppId + "]";
        }
    }
}
