package io.wxplatform.wechat.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer-service message ({@code /cgi-bin/message/custom/send}); each kind renders WeChat's JSON. Optional fields
 * that are null are left out of the JSON.
 */
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

    record Video(String touser, String mediaId, String thumbMediaId, String title, String description)
            implements CustomMessage {
        public String msgType() {
            return "video";
        }

        public Map<String, Object> payload() {
            return fields(
                    "media_id", mediaId, "thumb_media_id", thumbMediaId, "title", title, "description", description);
        }
    }

    record Music(
            String touser, String title, String description, String musicUrl, String hqMusicUrl, String thumbMediaId)
            implements CustomMessage {
        public String msgType() {
            return "music";
        }

        public Map<String, Object> payload() {
            return fields(
                    "title",
                    title,
                    "description",
                    description,
                    "musicurl",
                    musicUrl,
                    "hqmusicurl",
                    hqMusicUrl,
                    "thumb_media_id",
                    thumbMediaId);
        }
    }

    /** A link card: WeChat takes one article per customer-service news message since 2018. */
    record News(String touser, String title, String description, String url, String picUrl) implements CustomMessage {
        public String msgType() {
            return "news";
        }

        public Map<String, Object> payload() {
            return Map.of(
                    "articles",
                    List.of(fields("title", title, "description", description, "url", url, "picurl", picUrl)));
        }
    }

    /** An article of the account, by the media id of a draft or permanent article. */
    record MpNews(String touser, String mediaId) implements CustomMessage {
        public String msgType() {
            return "mpnews";
        }

        public Map<String, Object> payload() {
            return Map.of("media_id", mediaId);
        }
    }

    /** A menu of choices; the follower's pick comes back as a text message whose bizmsgmenuid is the item's id. */
    record MsgMenu(String touser, String headContent, List<MenuItem> items, String tailContent)
            implements CustomMessage {
        public String msgType() {
            return "msgmenu";
        }

        public Map<String, Object> payload() {
            Map<String, Object> menu = fields("head_content", headContent, "tail_content", tailContent);
            menu.put(
                    "list",
                    items.stream()
                            .map(item -> Map.of("id", item.id(), "content", item.content()))
                            .toList());
            return menu;
        }
    }

    record MenuItem(String id, String content) {}

    record MiniProgramPage(String touser, String title, String appId, String pagePath, String thumbMediaId)
            implements CustomMessage {
        public String msgType() {
            return "miniprogrampage";
        }

        public Map<String, Object> payload() {
            return fields("title", title, "appid", appId, "pagepath", pagePath, "thumb_media_id", thumbMediaId);
        }
    }

    /** Name-value pairs in order, without the null values. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                fields.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return fields;
    }
}
