package io.wxplatform.sandbox.ticket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** JS-SDK ticket rules; defaults (WeChat's values) are in application.yml. */
@ConfigurationProperties("sandbox.ticket")
public record TicketProperties(Duration lifetime) {}
