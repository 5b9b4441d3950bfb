package io.wxplatform.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Parametric QR codes ({@code /cgi-bin/qrcode/create}). A scene is a number or a string of 1 to 64 characters:
 * temporary codes take a non-zero 32-bit number and expire within 30 days; permanent codes take 1 to 100,000 (at
 * most 100,000 per account, 45029 past that). Out-of-range values are refused before the call, so a scene is never
 * silently truncated.
 */
public final class QrCodeApi {

    static final String CREATE = "/cgi-bin/qrcode/create";
    /** Longest life of a temporary code: 30 days. */
    public static final long MAX_EXPIRE_SECONDS = 2_592_000;

    public static final long MAX_TEMPORARY_SCENE_ID = 0xFFFF_FFFFL;
    public static final long MAX_PERMANENT_SCENE_ID = 100_000;
    public static final int MAX_SCENE_STR = 64;

    private final WeChatRequests requests;

    QrCodeApi(WeChatRequests requests) {
        this.requests = requests;
    }

    public Mono<QrCode> temporary(String appId, String accessToken, long sceneId, long expireSeconds) {
        return Mono.fromRunnable(() -> {
                    expiry(expireSeconds);
                    sceneId(sceneId, MAX_TEMPORARY_SCENE_ID);
                })
                .then(create(appId, accessToken, "QR_SCENE", Map.of("scene_id", sceneId), expireSeconds));
    }

    public Mono<QrCode> temporary(String appId, String accessToken, String sceneStr, long expireSeconds) {
        return Mono.fromRunnable(() -> {
                    expiry(expireSeconds);
                    sceneStr(sceneStr);
                })
                .then(create(appId, accessToken, "QR_STR_SCENE", Map.of("scene_str", sceneStr), expireSeconds));
    }

    public Mono<QrCode> permanent(String appId, String accessToken, long sceneId) {
        return Mono.fromRunnable(() -> sceneId(sceneId, MAX_PERMANENT_SCENE_ID))
                .then(create(appId, accessToken, "QR_LIMIT_SCENE", Map.of("scene_id", sceneId), 0));
    }

    public Mono<QrCode> permanent(String appId, String accessToken, String sceneStr) {
        return Mono.fromRunnable(() -> sceneStr(sceneStr))
                .then(create(appId, accessToken, "QR_LIMIT_STR_SCENE", Map.of("scene_str", sceneStr), 0));
    }

    private Mono<QrCode> create(
            String appId, String accessToken, String action, Map<String, Object> scene, long expireSeconds) {
        return Mono.defer(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    if (expireSeconds > 0) {
                        body.put("expire_seconds", expireSeconds);
                    }
                    body.put("action_name", action);
                    body.put("action_info", Map.of("scene", scene));
                    return requests.post(appId, CREATE, Map.of("access_token", accessToken), body);
                })
                .flatMap(node -> qrCode(appId, node));
    }

    private Mono<QrCode> qrCode(String appId, JsonNode node) {
        String ticket = node.path("ticket").asString("");
        if (ticket.isEmpty()) {
            return Mono.error(requests.unexpected(appId, CREATE, "answer without ticket"));
        }
        return Mono.just(new QrCode(
                ticket, node.path("expire_seconds").asLong(0), node.path("url").asString("")));
    }

    private static void expiry(long expireSeconds) {
        if (expireSeconds < 1 || expireSeconds > MAX_EXPIRE_SECONDS) {
            throw new WeChatLimitException(
                    "expire-seconds", "A temporary code lives 1 to " + MAX_EXPIRE_SECONDS + " seconds");
        }
    }

    private static void sceneId(long sceneId, long max) {
        if (sceneId < 1 || sceneId > max) {
            throw new WeChatLimitException("scene-id", "The scene id must be 1 to " + max);
        }
    }

    private static void sceneStr(String sceneStr) {
        Limits.text("scene-str", sceneStr, MAX_SCENE_STR);
    }
}
