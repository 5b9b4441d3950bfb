package io.wxplatform.sandbox.clock;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Clock settings; defaults in application.yml. */
@ConfigurationProperties("sandbox.clock")
public record ClockProperties(boolean frozen) {}
