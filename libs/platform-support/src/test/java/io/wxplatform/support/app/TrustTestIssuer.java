package io.wxplatform.support.app;

import io.wxplatform.testkit.auth.TestIssuer;
import java.util.HashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Every test application of this module trusts the shared test issuer, as a service started with its properties. */
public class TrustTestIssuer implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "test-issuer", new HashMap<>(TestIssuer.shared().serviceProperties())));
    }
}
