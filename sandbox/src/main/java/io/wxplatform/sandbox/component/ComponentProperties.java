package io.wxplatform.sandbox.component;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** WeChat's third-party platform (component) rules; defaults (WeChat's values) are in application.yml. */
@ConfigurationProperties("sandbox.component")
public record ComponentProperties(
        Duration tokenLifetime,
        Duration authorizerTokenLifetime,
        Duration preAuthCodeLifetime,
        Duration authCodeLifetime,
        Duration ticketValidity,
        Duration verifyTicketInterval,
        boolean rotateRefreshToken) {}
