package io.wxplatform.sandbox.users;

import java.util.List;
import org.springframework.stereotype.Component;

/** A follower's tag ids, for other WeChat features that match on them (conditional menus). */
@Component
public class FollowerTags {

    private final UserDirectory directory;

    FollowerTags(UserDirectory directory) {
        this.directory = directory;
    }

    public List<Integer> of(String appId, String openId) {
        return directory.users(appId).tagsOf(openId);
    }
}
