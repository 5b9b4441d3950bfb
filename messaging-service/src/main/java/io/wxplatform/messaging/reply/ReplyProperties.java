package io.wxplatform.messaging.reply;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code default-reply}: a customer-service message answering every follower's text on every account, beside the
 * tenant's passive reply rules (package {@code rules}); empty turns it off.
 */
@ConfigurationProperties("wxplatform.messaging")
public record ReplyProperties(String defaultReply) {}
