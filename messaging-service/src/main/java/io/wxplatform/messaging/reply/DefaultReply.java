package io.wxplatform.messaging.reply;

import java.util.Optional;

/**
 * The demo's reply until tenant-managed auto-reply rules exist: one configured text for every account, with
 * {@code {content}} replaced by what the follower wrote. An empty template turns it off.
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
