package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Customer-service agents (多客服): agent accounts ({@code /customservice/kfaccount/…}, listed under {@code
 * /cgi-bin/customservice/…}), their sessions with followers ({@code /customservice/kfsession/…}) and the chat history
 * ({@code /customservice/msgrecord/getmsglist}). WeChat answers 65400 when the account has not switched on its new
 * customer-service feature, 65401 for an unknown agent, 65402 for an agent without a bound WeChat user, 65415 when
 * the agent is offline, 48001 for an account that may not manage agents (verified service accounts only).
 */
public final class AgentApi {

    static final String ADD = "/customservice/kfaccount/add";
    static final String UPDATE = "/customservice/kfaccount/update";
    static final String DELETE = "/customservice/kfaccount/del";
    static final String INVITE = "/customservice/kfaccount/inviteworker";
    static final String LIST = "/cgi-bin/customservice/getkflist";
    static final String ONLINE = "/cgi-bin/customservice/getonlinekflist";
    static final String CREATE_SESSION = "/customservice/kfsession/create";
    static final String CLOSE_SESSION = "/customservice/kfsession/close";
    static final String GET_SESSION = "/customservice/kfsession/getsession";
    static final String SESSION_LIST = "/customservice/kfsession/getsessionlist";
    static final String WAIT_CASE = "/customservice/kfsession/getwaitcase";
    static final String MESSAGES = "/customservice/msgrecord/getmsglist";

    /** WeChat's longest history query: {@code starttime} and {@code endtime} at most a day apart. */
    public static final long MAX_HISTORY_SECONDS = 24 * 3600;
    /** Most history lines per page. */
    public static final int MAX_HISTORY_PAGE = 10_000;

    private final WeChatRequests requests;

    AgentApi(WeChatRequests requests) {
        this.requests = requests;
    }

    public Mono<Void> add(String appId, String accessToken, String kfAccount, String nickname) {
        return post(appId, accessToken, ADD, Map.of("kf_account", kfAccount, "nickname", nickname))
                .then();
    }

    public Mono<Void> update(String appId, String accessToken, String kfAccount, String nickname) {
        return post(appId, accessToken, UPDATE, Map.of("kf_account", kfAccount, "nickname", nickname))
                .then();
    }

    /** WeChat takes the agent to delete in the query. */
    public Mono<Void> delete(String appId, String accessToken, String kfAccount) {
        return Mono.defer(
                        () -> requests.get(appId, DELETE, Map.of("access_token", accessToken, "kf_account", kfAccount)))
                .then();
    }

    /** Invites the WeChat user {@code wxAccount} to be this agent; they accept in WeChat within 7 days. */
    public Mono<Void> invite(String appId, String accessToken, String kfAccount, String wxAccount) {
        return post(appId, accessToken, INVITE, Map.of("kf_account", kfAccount, "invite_wx", wxAccount))
                .then();
    }

    public Mono<List<Agent>> list(String appId, String accessToken) {
        return get(appId, accessToken, LIST, Map.of()).map(node -> {
            List<Agent> agents = new ArrayList<>();
            node.path("kf_list")
                    .forEach(a -> agents.add(new Agent(
                            a.path("kf_account").asString(),
                            text(a, "kf_nick"),
                            text(a, "kf_id"),
                            text(a, "kf_headimgurl"),
                            text(a, "kf_wx"),
                            text(a, "invite_wx"),
                            text(a, "invite_status"))));
            return agents;
        });
    }

    public Mono<List<OnlineAgent>> online(String appId, String accessToken) {
        return get(appId, accessToken, ONLINE, Map.of()).map(node -> {
            List<OnlineAgent> agents = new ArrayList<>();
            node.path("kf_online_list")
                    .forEach(a -> agents.add(new OnlineAgent(
                            a.path("kf_account").asString(),
                            text(a, "kf_id"),
                            a.path("status").asInt(),
                            a.path("accepted_case").asInt())));
            return agents;
        });
    }

    public Mono<Void> createSession(String appId, String accessToken, String kfAccount, String openId) {
        return post(appId, accessToken, CREATE_SESSION, Map.of("kf_account", kfAccount, "openid", openId))
                .then();
    }

    public Mono<Void> closeSession(String appId, String accessToken, String kfAccount, String openId) {
        return post(appId, accessToken, CLOSE_SESSION, Map.of("kf_account", kfAccount, "openid", openId))
                .then();
    }

    /** The follower's session; {@code kfAccount} null when no agent holds them. */
    public Mono<AgentSession> session(String appId, String accessToken, String openId) {
        return get(appId, accessToken, GET_SESSION, Map.of("openid", openId))
                .map(node -> new AgentSession(text(node, "kf_account"), openId, time(node, "createtime")));
    }

    public Mono<List<AgentSession>> sessions(String appId, String accessToken, String kfAccount) {
        return get(appId, accessToken, SESSION_LIST, Map.of("kf_account", kfAccount))
                .map(node -> {
                    List<AgentSession> sessions = new ArrayList<>();
                    node.path("sessionlist")
                            .forEach(s -> sessions.add(
                                    new AgentSession(kfAccount, s.path("openid").asString(), time(s, "createtime"))));
                    return sessions;
                });
    }

    /** Followers waiting for an agent, oldest first as WeChat lists them. */
    public Mono<List<AgentSession>> waiting(String appId, String accessToken) {
        return get(appId, accessToken, WAIT_CASE, Map.of()).map(node -> {
            List<AgentSession> waiting = new ArrayList<>();
            node.path("waitcaselist")
                    .forEach(w ->
                            waiting.add(new AgentSession(null, w.path("openid").asString(), time(w, "latest_time"))));
            return waiting;
        });
    }

    /** History from {@code start} to {@code end} (at most a day apart), from WeChat's {@code msgId} on (1 first). */
    public Mono<AgentMessagePage> messages(
            String appId, String accessToken, Instant start, Instant end, long msgId, int number) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("starttime", start.getEpochSecond());
        body.put("endtime", end.getEpochSecond());
        body.put("msgid", msgId);
        body.put("number", number);
        return post(appId, accessToken, MESSAGES, body).map(node -> {
            List<AgentMessage> lines = new ArrayList<>();
            node.path("recordlist")
                    .forEach(r -> lines.add(new AgentMessage(
                            r.path("openid").asString(),
                            r.path("opercode").asInt(),
                            text(r, "text"),
                            text(r, "worker"),
                            time(r, "time"))));
            return new AgentMessagePage(lines, node.path("msgid").asLong(msgId));
        });
    }

    private static Instant time(JsonNode node, String field) {
        long seconds = node.path(field).asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asString().isEmpty() ? null : value.asString();
    }

    private Mono<JsonNode> get(String appId, String accessToken, String path, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.put("access_token", accessToken);
        return Mono.defer(() -> requests.get(appId, path, all));
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }
}
