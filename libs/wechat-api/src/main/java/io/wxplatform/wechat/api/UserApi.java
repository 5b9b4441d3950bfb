package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Followers: the list ({@code user/get}), their info ({@code user/info}, {@code batchget}) and remarks. */
public final class UserApi {

    static final String GET = "/cgi-bin/user/get";
    static final String INFO = "/cgi-bin/user/info";
    static final String BATCH_GET = "/cgi-bin/user/info/batchget";
    static final String UPDATE_REMARK = "/cgi-bin/user/info/updateremark";
    private static final String LANG = "zh_CN";

    private final WeChatRequests requests;

    UserApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** One page of up to 10,000 openids after {@code nextOpenId} (empty or null: from the start). */
    public Mono<OpenIdPage> list(String appId, String accessToken, String nextOpenId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", accessToken);
        query.put("next_openid", nextOpenId == null ? "" : nextOpenId);
        return requests.get(appId, GET, query).map(JsonReading::openIdPage);
    }

    public Mono<UserInfo> info(String appId, String accessToken, String openId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", accessToken);
        query.put("openid", openId);
        query.put("lang", LANG);
        return requests.get(appId, INFO, query).map(JsonReading::userInfo);
    }

    /** Info of 1 to 100 followers in one call; more is refused before the call. */
    public Mono<List<UserInfo>> batchGet(String appId, String accessToken, List<String> openIds) {
        return Mono.fromRunnable(() -> Limits.batch("batchget", openIds, Limits.BATCH_GET))
                .then(Mono.defer(() -> {
                    List<Map<String, String>> users = new ArrayList<>(openIds.size());
                    openIds.forEach(openId -> users.add(Map.of("openid", openId, "lang", LANG)));
                    return requests.post(
                            appId, BATCH_GET, Map.of("access_token", accessToken), Map.of("user_list", users));
                }))
                .map(node -> {
                    List<UserInfo> infos = new ArrayList<>();
                    node.path("user_info_list").forEach(user -> infos.add(JsonReading.userInfo(user)));
                    return infos;
                });
    }

    /** Sets the remark (at most 30 characters) the account keeps for the follower. */
    public Mono<Void> updateRemark(String appId, String accessToken, String openId, String remark) {
        return Mono.fromRunnable(() -> Limits.text("remark", remark, Limits.REMARK_LENGTH))
                .then(Mono.defer(() -> requests.post(
                        appId,
                        UPDATE_REMARK,
                        Map.of("access_token", accessToken),
                        Map.of("openid", openId, "remark", remark))))
                .then();
    }
}
