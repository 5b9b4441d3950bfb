package io.wxplatform.messaging.reply;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code default-reply}: the demo's answer to a follower's text until tenant-managed rules exist. */
@ConfigurationProperties("wxplatform.messaging")
public record ReplyProperties(String defaultReply) {
}
