package io.wxplatform.sandbox.message;

import io.wxplatform.sandbox.web.WeChatError;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The customer-service message types WeChat accepts, with the fields each must carry and the error if absent. */
final class CustomMessageKinds {

    record Kind(List<String> required, WeChatError whenMissing) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("text", new Kind(List.of("content"), WeChatError.EMPTY_CONTENT)),
            Map.entry("image", new Kind(List.of("media_id"), WeChatError.INVALID_MEDIA_ID)),
            Map.entry("voice", new Kind(List.of("media_id"), WeChatError.INVALID_MEDIA_ID)),
            Map.entry("video", new Kind(List.of("media_id"), WeChatError.INVALID_MEDIA_ID)),
            Map.entry("music", new Kind(List.of("thumb_media_id"), WeChatError.INVALID_MEDIA_ID)),
            Map.entry("news", new Kind(List.of("articles"), WeChatError.EMPTY_NEWS)),
            Map.entry("mpnews", new Kind(List.of("media_id"), WeChatError.INVALID_MEDIA_ID)),
            Map.entry("mpnewsarticle", new Kind(List.of("article_id"), WeChatError.DATA_FORMAT)),
            Map.entry("msgmenu", new Kind(List.of("list"), WeChatError.DATA_FORMAT)),
            Map.entry("wxcard", new Kind(List.of("card_id"), WeChatError.DATA_FORMAT)),
            Map.entry(
                    "miniprogrampage",
                    new Kind(List.of("appid", "pagepath", "thumb_media_id"), WeChatError.DATA_FORMAT)));

    private CustomMessageKinds() {}

    /** Returns the type's payload object, or throws the error WeChat gives for this malformed message. */
    static Map<?, ?> payload(String msgType, Object payload) {
        Kind kind = KINDS.get(msgType);
        if (kind == null) {
            throw WeChatError.INVALID_MESSAGE_TYPE.toException();
        }
        if (!(payload instanceof Map<?, ?> fields) || !kind.required().stream().allMatch(f -> present(fields.get(f)))) {
            throw kind.whenMissing().toException();
        }
        return fields;
    }

    private static boolean present(Object value) {
        if (value instanceof String s) {
            return !s.isBlank();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return value != null;
    }
}
