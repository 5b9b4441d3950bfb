package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Follower tags and the blacklist ({@code /cgi-bin/tags/…}). Batch sizes, name lengths and WeChat's reserved tags
 * are refused with {@link WeChatLimitException} before the call.
 */
public final class TagApi {

    static final String CREATE = "/cgi-bin/tags/create";
    static final String GET = "/cgi-bin/tags/get";
    static final String UPDATE = "/cgi-bin/tags/update";
    static final String DELETE = "/cgi-bin/tags/delete";
    static final String TAGGING = "/cgi-bin/tags/members/batchtagging";
    static final String UNTAGGING = "/cgi-bin/tags/members/batchuntagging";
    static final String ID_LIST = "/cgi-bin/tags/getidlist";
    static final String FOLLOWERS = "/cgi-bin/user/tag/get";
    static final String BLACKLIST = "/cgi-bin/tags/members/getblacklist";
    static final String BLOCK = "/cgi-bin/tags/members/batchblacklist";
    static final String UNBLOCK = "/cgi-bin/tags/members/batchunblacklist";

    private final WeChatRequests requests;

    TagApi(WeChatRequests requests) {
        this.requests = requests;
    }

    public Mono<Tag> create(String appId, String accessToken, String name) {
        return checked(() -> Limits.text("tag-name", name, Limits.TAG_NAME_LENGTH))
                .then(post(appId, accessToken, CREATE, Map.of("tag", Map.of("name", name))))
                .map(node -> JsonReading.tag(node.path("tag")));
    }

    /** Every tag of the account with its follower count. */
    public Mono<List<Tag>> list(String appId, String accessToken) {
        return requests.get(appId, GET, Map.of("access_token", accessToken)).map(node -> {
            List<Tag> tags = new ArrayList<>();
            node.path("tags").forEach(tag -> tags.add(JsonReading.tag(tag)));
            return tags;
        });
    }

    public Mono<Void> rename(String appId, String accessToken, int tagId, String name) {
        return checked(() -> {
                    Limits.changeableTag(tagId);
                    Limits.text("tag-name", name, Limits.TAG_NAME_LENGTH);
                })
                .then(post(appId, accessToken, UPDATE, Map.of("tag", Map.of("id", tagId, "name", name))))
                .then();
    }

    /** WeChat refuses to delete a tag with more than 100,000 followers (45057). */
    public Mono<Void> delete(String appId, String accessToken, int tagId) {
        return checked(() -> Limits.changeableTag(tagId))
                .then(post(appId, accessToken, DELETE, Map.of("tag", Map.of("id", tagId))))
                .then();
    }

    /** Tags 1 to 50 followers. */
    public Mono<Void> tag(String appId, String accessToken, int tagId, List<String> openIds) {
        return members(appId, accessToken, TAGGING, tagId, openIds);
    }

    /** Untags 1 to 50 followers. */
    public Mono<Void> untag(String appId, String accessToken, int tagId, List<String> openIds) {
        return members(appId, accessToken, UNTAGGING, tagId, openIds);
    }

    /** The ids of a follower's tags. */
    public Mono<List<Integer>> tagsOf(String appId, String accessToken, String openId) {
        return post(appId, accessToken, ID_LIST, Map.of("openid", openId)).map(node -> {
            List<Integer> ids = new ArrayList<>();
            node.path("tagid_list").forEach(id -> ids.add(id.asInt()));
            return ids;
        });
    }

    /** One page of a tag's followers, after {@code nextOpenId} (empty: from the start). */
    public Mono<OpenIdPage> followers(String appId, String accessToken, int tagId, String nextOpenId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tagid", tagId);
        body.put("next_openid", nextOpenId == null ? "" : nextOpenId);
        return post(appId, accessToken, FOLLOWERS, body).map(JsonReading::openIdPage);
    }

    /** One page of the blacklist, after {@code beginOpenId} (empty: from the start). */
    public Mono<OpenIdPage> blacklist(String appId, String accessToken, String beginOpenId) {
        return post(appId, accessToken, BLACKLIST, Map.of("begin_openid", beginOpenId == null ? "" : beginOpenId))
                .map(JsonReading::openIdPage);
    }

    /** Blacklists 1 to 20 followers. */
    public Mono<Void> block(String appId, String accessToken, List<String> openIds) {
        return checked(() -> Limits.batch("batchblacklist", openIds, Limits.BLACKLIST_BATCH))
                .then(post(appId, accessToken, BLOCK, Map.of("openid_list", openIds)))
                .then();
    }

    /** Takes 1 to 20 followers off the blacklist. */
    public Mono<Void> unblock(String appId, String accessToken, List<String> openIds) {
        return checked(() -> Limits.batch("batchunblacklist", openIds, Limits.BLACKLIST_BATCH))
                .then(post(appId, accessToken, UNBLOCK, Map.of("openid_list", openIds)))
                .then();
    }

    private Mono<Void> members(String appId, String accessToken, String path, int tagId, List<String> openIds) {
        return checked(() -> {
                    Limits.changeableTag(tagId);
                    Limits.batch(path.substring(path.lastIndexOf('/') + 1), openIds, Limits.TAGGING_BATCH);
                })
                .then(post(appId, accessToken, path, Map.of("openid_list", openIds, "tagid", tagId)))
                .then();
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }

    private static Mono<Void> checked(Runnable check) {
        return Mono.fromRunnable(check);
    }
}
