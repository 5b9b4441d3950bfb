package io.wxplatform.sandbox.users;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /cgi-bin/tags/…}: tags, tagging in batches of at most 50, a follower's tags and the blacklist. */
@RestController
class TagApiController {

    static final int TAGGING_BATCH = 50;
    static final int BLACKLIST_BATCH = 20;

    private final UserDirectory directory;
    private final ApiCallLog calls;
    private final WeChatJson json;

    TagApiController(UserDirectory directory, ApiCallLog calls, WeChatJson json) {
        this.directory = directory;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/cgi-bin/tags/create")
    Map<String, Object> create(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "tags/create", (users, request) -> {
            Map.Entry<Integer, String> tag = users.create(WeChatJson.text(tag(request), "name"));
            return Map.of("tag", Map.of("id", tag.getKey(), "name", tag.getValue()));
        });
    }

    @GetMapping("/cgi-bin/tags/get")
    Map<String, Object> list(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "tags/get", () -> {
            UserDirectory.requireVerified(account);
            return Map.of("tags", directory.users(account.appId()).tags());
        });
    }

    @PostMapping("/cgi-bin/tags/update")
    WeChatError update(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/update",
                (users, request, appId) ->
                        users.rename(tagId(tag(request).get("id")), WeChatJson.text(tag(request), "name")));
    }

    @PostMapping("/cgi-bin/tags/delete")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/delete",
                (users, request, appId) -> users.delete(tagId(tag(request).get("id"))));
    }

    @PostMapping("/cgi-bin/tags/members/batchtagging")
    WeChatError batchTagging(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/members/batchtagging",
                (users, request, appId) -> users.tag(
                        tagId(request.get("tagid")),
                        directory.openIds(appId, request.get("openid_list"), TAGGING_BATCH)));
    }

    @PostMapping("/cgi-bin/tags/members/batchuntagging")
    WeChatError batchUntagging(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/members/batchuntagging",
                (users, request, appId) -> users.untag(
                        tagId(request.get("tagid")),
                        directory.openIds(appId, request.get("openid_list"), TAGGING_BATCH)));
    }

    @PostMapping("/cgi-bin/tags/getidlist")
    Map<String, Object> idList(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "tags/getidlist", () -> {
            UserDirectory.requireVerified(account);
            String openId = WeChatJson.text(json.object(body), "openid");
            directory.follower(account.appId(), openId);
            return Map.of("tagid_list", directory.users(account.appId()).tagsOf(openId));
        });
    }

    @PostMapping("/cgi-bin/tags/members/getblacklist")
    Map<String, Object> blacklist(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(
                accessToken,
                body,
                "tags/members/getblacklist",
                (users, request) -> UserApiController.page(
                        users.blacklistSize(),
                        users.blacklistAfter(WeChatJson.text(request, "begin_openid"), UserApiController.PAGE)));
    }

    @PostMapping("/cgi-bin/tags/members/batchblacklist")
    WeChatError block(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/members/batchblacklist",
                (users, request, appId) ->
                        users.block(directory.openIds(appId, request.get("openid_list"), BLACKLIST_BATCH)));
    }

    @PostMapping("/cgi-bin/tags/members/batchunblacklist")
    WeChatError unblock(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return ok(
                accessToken,
                body,
                "tags/members/batchunblacklist",
                (users, request, appId) ->
                        users.unblock(directory.openIds(appId, request.get("openid_list"), BLACKLIST_BATCH)));
    }

    static int tagId(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_TAG.toException();
        }
    }

    private static Map<String, Object> tag(Map<String, Object> request) {
        if (request.get("tag") instanceof Map<?, ?> tag) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) tag;
            return typed;
        }
        throw WeChatError.DATA_FORMAT.toException();
    }

    private interface Change {
        void apply(AccountUsers users, Map<String, Object> request, String appId);
    }

    private interface Query<T> {
        T apply(AccountUsers users, Map<String, Object> request);
    }

    private WeChatError ok(String accessToken, String body, String api, Change change) {
        return call(accessToken, body, api, (users, request) -> WeChatError.OK, change);
    }

    private <T> T call(String accessToken, String body, String api, Query<T> query) {
        return call(accessToken, body, api, query, null);
    }

    private <T> T call(String accessToken, String body, String api, Query<T> query, Change change) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), api, () -> {
            UserDirectory.requireVerified(account);
            Map<String, Object> request = json.object(body);
            AccountUsers users = directory.users(account.appId());
            if (change != null) {
                change.apply(users, request, account.appId());
            }
            return query.apply(users, request);
        });
    }
}
