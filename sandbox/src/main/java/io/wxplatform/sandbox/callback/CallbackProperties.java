package io.wxplatform.sandbox.callback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the sandbox calls an account's callback URL, as WeChat does; defaults in application.yml. */
@ConfigurationProperties("sandbox.callback")
public record CallbackProperties(Duration timeout, int maxAttempts, int logLimit, int maxDeliveries) {}
