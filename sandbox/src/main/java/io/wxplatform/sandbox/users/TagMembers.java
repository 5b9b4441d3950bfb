package io.wxplatform.sandbox.users;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A tag's subscribed followers, for the other WeChat APIs that address a tag (mass sends). */
@Component
public class TagMembers {

    private final UserDirectory directory;

    TagMembers(UserDirectory directory) {
        this.directory = directory;
    }

    /** The tag's subscribed followers in openId order; empty when the account has no such tag. */
    public Optional<List<String>> subscribed(String appId, int tagId) {
        AccountUsers users = directory.users(appId);
        if (!users.exists(tagId)) {
            return Optional.empty();
        }
        return Optional.of(directory.followers().subscribedAfter(appId, null, Integer.MAX_VALUE).stream()
                .filter(openId -> users.hasTag(openId, tagId))
                .toList());
    }
}
