package io.wxplatform.sandbox.users;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.follower.Follower;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cgi-bin/user/…}: the follower list (10,000 subscribed openids a page in openId order; every non-empty page
 * names its last openid as {@code next_openid}, so the last page is always empty with an empty {@code next_openid}),
 * user info as WeChat returns it since 2021, batchget of at most 100, remarks and a tag's followers.
 */
@RestController
class UserApiController {

    static final int PAGE = 10_000;
    static final int BATCH_GET = 100;

    private final UserDirectory directory;
    private final ApiCallLog calls;
    private final WeChatJson json;

    UserApiController(UserDirectory directory, ApiCallLog calls, WeChatJson json) {
        this.directory = directory;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping("/cgi-bin/user/get")
    Map<String, Object> list(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "next_openid", required = false) String nextOpenId) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "user/get", () -> {
            UserDirectory.requireVerified(account);
            List<String> page = directory.followers().subscribedAfter(account.appId(), nextOpenId, PAGE);
            return page(directory.followers().subscribedCount(account.appId()), page);
        });
    }

    @GetMapping("/cgi-bin/user/info")
    Map<String, Object> info(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String openid) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "user/info", () -> {
            UserDirectory.requireVerified(account);
            return info(account.appId(), directory.follower(account.appId(), openid));
        });
    }

    @PostMapping("/cgi-bin/user/info/batchget")
    Map<String, Object> batchGet(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "user/info/batchget", () -> {
            UserDirectory.requireVerified(account);
            Object userList = json.object(body).get("user_list");
            if (!(userList instanceof List<?> users) || users.isEmpty() || users.size() > BATCH_GET) {
                throw WeChatError.INVALID_OPENID_LIST.toException();
            }
            List<Map<String, Object>> infos = new ArrayList<>();
            for (Object user : users) {
                Object openId = user instanceof Map<?, ?> entry ? entry.get("openid") : null;
                infos.add(info(account.appId(), directory.follower(account.appId(), String.valueOf(openId))));
            }
            return Map.of("user_info_list", infos);
        });
    }

    @PostMapping("/cgi-bin/user/info/updateremark")
    WeChatError updateRemark(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "user/info/updateremark", () -> {
            UserDirectory.requireVerified(account);
            Map<String, Object> request = json.object(body);
            Follower follower = directory.follower(account.appId(), WeChatJson.text(request, "openid"));
            String remark = WeChatJson.text(request, "remark");
            directory.users(account.appId()).remark(follower.openId(), remark == null ? "" : remark);
            return WeChatError.OK;
        });
    }

    @PostMapping("/cgi-bin/user/tag/get")
    Map<String, Object> tagFollowers(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = directory.caller(accessToken);
        return calls.record(account.appId(), "user/tag/get", () -> {
            UserDirectory.requireVerified(account);
            Map<String, Object> request = json.object(body);
            int tagId = TagApiController.tagId(request.get("tagid"));
            AccountUsers users = directory.users(account.appId());
            if (!users.exists(tagId)) {
                throw WeChatError.INVALID_TAG.toException();
            }
            List<String> page = directory
                    .followers()
                    .subscribedAfter(account.appId(), WeChatJson.text(request, "next_openid"), Integer.MAX_VALUE)
                    .stream()
                    .filter(openId -> users.hasTag(openId, tagId))
                    .limit(PAGE)
                    .toList();
            Map<String, Object> answer = page(-1, page);
            answer.remove("total");
            return answer;
        });
    }

    private Map<String, Object> info(String appId, Follower follower) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("subscribe", follower.subscribed() ? 1 : 0);
        info.put("openid", follower.openId());
        if (follower.subscribed()) {
            info.put("subscribe_time", follower.subscribedAt().getEpochSecond());
            info.put("groupid", 0);
            info.putAll(directory.users(appId).describe(follower.openId()));
        }
        return info;
    }

    static Map<String, Object> page(long total, List<String> openIds) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", total);
        answer.put("count", openIds.size());
        if (!openIds.isEmpty()) {
            answer.put("data", Map.of("openid", openIds));
        }
        answer.put("next_openid", openIds.isEmpty() ? "" : openIds.get(openIds.size() - 1));
        return answer;
    }
}
