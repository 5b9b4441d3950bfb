package io.wxplatform.wechat.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Mass sends ({@code /cgi-bin/message/mass/…}): to every follower or a tag ({@code sendall}), to a list of 2 to 10,000
 * openids ({@code send}), a preview to one follower, a sent message's status and its deletion. Each send carries a
 * {@code clientmsgid} (at most 64 bytes): WeChat sends one message per id within 24 hours and answers a repeat with
 * 45065 and the first msg_id, which {@link MassSendResult#alreadySent()} reports instead of an error (45066: the same
 * id again within a minute; 45067: the id is too long). Completion arrives later as MASSSENDJOBFINISH.
 */
public final class MassApi {

    static final String SEND_ALL = "/cgi-bin/message/mass/sendall";
    static final String SEND = "/cgi-bin/message/mass/send";
    static final String PREVIEW = "/cgi-bin/message/mass/preview";
    static final String GET = "/cgi-bin/message/mass/get";
    static final String DELETE = "/cgi-bin/message/mass/delete";

    /** WeChat's answer to a clientmsgid it had within 24 hours: nothing sent now. */
    public static final int ALREADY_SENT = 45065;
    /** The same clientmsgid again within a minute: the first may still be underway; later WeChat answers 45065. */
    public static final int RETRIED_TOO_SOON = 45066;
    /** The fewest and most openids one {@code mass/send} takes. */
    public static final int MIN_OPENIDS = 2;

    public static final int MAX_OPENIDS = 10_000;
    public static final int MAX_CLIENT_MSG_ID_BYTES = 64;

    private final WeChatRequests requests;

    MassApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** To every follower ({@code tagId} null) or to the followers holding the tag. */
    public Mono<MassSendResult> sendAll(String appId, String accessToken, Long tagId, MassMessage message, String id) {
        Map<String, Object> filter =
                tagId == null ? Map.of("is_to_all", true) : Map.of("is_to_all", false, "tag_id", tagId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter);
        body.putAll(message.toJson());
        return send(appId, accessToken, SEND_ALL, body, id);
    }

    /** To {@value #MIN_OPENIDS} to {@value #MAX_OPENIDS} followers (service accounts). */
    public Mono<MassSendResult> send(
            String appId, String accessToken, List<String> openIds, MassMessage message, String id) {
        if (openIds.size() < MIN_OPENIDS || openIds.size() > MAX_OPENIDS) {
            return Mono.error(new IllegalArgumentException("a mass send by openid takes " + MIN_OPENIDS + " to "
                    + MAX_OPENIDS + " openids, not " + openIds.size()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", openIds);
        body.putAll(message.toJson());
        return send(appId, accessToken, SEND, body, id);
    }

    /** Shows the message to one follower only (no quota spent); emits WeChat's msg_id. */
    public Mono<String> preview(String appId, String accessToken, String openId, MassMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", openId);
        body.putAll(message.toJson());
        return requests.post(appId, PREVIEW, Map.of("access_token", accessToken), body)
                .map(node -> text(node, "msg_id"));
    }

    /** WeChat's {@code msg_status} of a sent message: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE. */
    public Mono<String> status(String appId, String accessToken, String msgId) {
        return requests.post(appId, GET, Map.of("access_token", accessToken), Map.of("msg_id", msgId))
                .map(node -> text(node, "msg_status"));
    }

    /**
     * Deletes a sent message's articles from the followers' history ({@code articleIdx} from 1; null or 0: all of
     * them). Only articles and videos can be deleted, within half an hour of the send (WeChat's rule).
     */
    public Mono<Void> delete(String appId, String accessToken, String msgId, Integer articleIdx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg_id", msgId);
        body.put("article_idx", articleIdx == null ? 0 : articleIdx);
        return requests.post(appId, DELETE, Map.of("access_token", accessToken), body)
                .then();
    }

    /** Whether WeChat takes the id as a clientmsgid. */
    public static boolean validClientMsgId(String id) {
        return id != null && !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_CLIENT_MSG_ID_BYTES;
    }

    private Mono<MassSendResult> send(
            String appId, String accessToken, String path, Map<String, Object> body, String clientMsgId) {
        if (!validClientMsgId(clientMsgId)) {
            return Mono.error(new IllegalArgumentException("clientmsgid must be 1 to 64 bytes"));
        }
        body.put("clientmsgid", clientMsgId);
        return requests.postAnswering(appId, path, Map.of("access_token", accessToken), body, ALREADY_SENT)
                .map(node -> new MassSendResult(
                        text(node, "msg_id"),
                        text(node, "msg_data_id"),
                        node.path("errcode").asInt(ErrorCodes.OK) == ALREADY_SENT));
    }

    /** A number or a string in WeChat's JSON, as text; null when absent. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }
}
