package io.wxplatform.sandbox.follower;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** When an account may send customer-service messages to a follower; defaults in application.yml. */
@ConfigurationProperties("sandbox.conversation")
public record ConversationProperties(
        Duration window, int sendsPerMessage, Duration eventWindow, int eventWindowSends, int inboxLimit) {}
