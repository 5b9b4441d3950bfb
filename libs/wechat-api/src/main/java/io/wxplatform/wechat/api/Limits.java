package io.wxplatform.wechat.api;

import java.util.Collection;
import java.util.Set;

/** WeChat's documented limits on the user and tag APIs (wechat-protocol.md §3), checked before a call. */
public final class Limits {

    /** Openids per {@code user/get} page. */
    public static final int USER_GET_PAGE = 10_000;
    /** Openids per {@code user/info/batchget}. */
    public static final int BATCH_GET = 100;
    /** Openids per {@code tags/members/batchtagging|batchuntagging}. */
    public static final int TAGGING_BATCH = 50;
    /** Openids per {@code tags/members/batchblacklist|batchunblacklist}. */
    public static final int BLACKLIST_BATCH = 20;
    /** Tags per account. */
    public static final int TAGS_PER_ACCOUNT = 100;
    /** Tags per follower. */
    public static final int TAGS_PER_FOLLOWER = 20;
    /** Characters of a tag name. */
    public static final int TAG_NAME_LENGTH = 30;
    /** Characters of a remark. */
    public static final int REMARK_LENGTH = 30;
    /** 0 (blacklist), 1 and 2 (star) are WeChat's own tags: 45058 on change or delete. */
    public static final Set<Integer> RESERVED_TAG_IDS = Set.of(0, 1, 2);
    /** Followers above which WeChat refuses to delete a tag (45057). */
    public static final long TAG_DELETE_FOLLOWERS = 100_000;

    private Limits() {}

    static void batch(String what, Collection<String> openIds, int max) {
        if (openIds.isEmpty() || openIds.size() > max) {
            throw new WeChatLimitException(what, what + " takes 1 to " + max + " openids, not " + openIds.size());
        }
    }

    static void changeableTag(int tagId) {
        if (RESERVED_TAG_IDS.contains(tagId)) {
            throw new WeChatLimitException("reserved-tag", "Tag " + tagId + " is reserved by WeChat");
        }
    }

    static void text(String what, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new WeChatLimitException(what, what + " must have 1 to " + max + " characters");
        }
    }
}
