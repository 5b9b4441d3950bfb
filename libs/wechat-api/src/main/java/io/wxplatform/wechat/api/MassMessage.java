package io.wxplatform.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a mass send (or its preview) carries: text, an image, a voice, a video ({@code mpvideo}: a video material's
 * media_id), articles ({@code mpnews}: a <b>draft's</b> media_id; WeChat refuses news materials with 45103) or a card
 * ({@code wxcard}). {@code sendIgnoreReprint} only matters for articles: true sends on when WeChat judges them a
 * reprint, false stops the send (WeChat's {@code send_ignore_reprint} 1 / 0).
 */
public record MassMessage(Type type, String value, boolean sendIgnoreReprint) {

    /** WeChat's msgtype of each kind, and the field its value goes in. */
    public enum Type {
        TEXT("text", "content"),
        IMAGE("image", "media_id"),
        VOICE("voice", "media_id"),
        MPVIDEO("mpvideo", "media_id"),
        MPNEWS("mpnews", "media_id"),
        WXCARD("wxcard", "card_id");

        private final String msgType;
        private final String field;

        Type(String msgType, String field) {
            this.msgType = msgType;
            this.field = field;
        }

        public String msgType() {
            return msgType;
        }
    }

    public static MassMessage text(String content) {
        return new MassMessage(Type.TEXT, content, false);
    }

    /** The message's part of WeChat's body ({@code msgtype}, its object and, for articles, send_ignore_reprint). */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(type.msgType, Map.of(type.field, value));
        json.put("msgtype", type.msgType);
        if (type == Type.MPNEWS) {
            json.put("send_ignore_reprint", sendIgnoreReprint ? 1 : 0);
        }
        return json;
    }
}
