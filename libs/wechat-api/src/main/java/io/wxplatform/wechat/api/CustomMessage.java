package io.wxplatform.wechat.api;

import java.util.Map;

/** A customer-service message ({@code /cgi-bin/message/custom/send}); each kind renders WeChat's JSON. */
public sealed interface CustomMessage {

    String touser();

    String msgType();

    /** The kind-specific object WeChat expects under the key {@link #msgType()}. */
    Map<String, Object> payload();

    default Map<String, Object> toJson() {
        return Map.of("touser", touser(), "msgtype", msgType(), msgType(), payload());
    }

    record Text(String touser, String content) implements CustomMessage {
        public String msgType() {
            return "text";
        }

        public Map<String, Object> payload() {
            return Map.of("content", content);
        }
    }

    record Image(String touser, String mediaId) implements CustomMessage {
        public String msgType() {
            return "image";
        }

        public Map<String, Object> payload() {
            return Map.of("media_id", mediaId);
        }
    }

    record Voice(String touser, String mediaId) implements CustomMessage {
        public String msgType() {
            return "voice";
        }

        public Map<String, Object> payload() {
            return Map.of("media_id", mediaId);
        }
    }
}
