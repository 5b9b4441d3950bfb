package io.wxplatform.sandbox.draft;

import org.springframework.stereotype.Component;

/** Whether a media_id is one of an account's drafts, for the other WeChat APIs that take one (mass sends). */
@Component
public class Drafts {

    private final DraftStore store;

    Drafts(DraftStore store) {
        this.store = store;
    }

    public boolean exists(String appId, String mediaId) {
        return store.find(appId, mediaId).isPresent();
    }
}
