package io.wxplatform.messaging.reply;

import java.util.Optional;

/**
 * A customer-service message sent for every follower's text, on every account and independently of the tenant's
 * passive reply rules: one configured text with {@code {content}} replaced by what the follower wrote. An empty
 * template turns it off.
 */
final class DefaultReply {

    private static final String CONTENT = "{content}";

    private final String template;

    DefaultReply(String template) {
        this.template = template == null ? "" : template;
    }

    Optional<String> to(String followerText) {
        if (template.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(template.replace(CONTENT, followerText == null ? "" : followerText));
    }
}
