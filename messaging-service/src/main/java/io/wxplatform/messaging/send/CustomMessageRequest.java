package io.wxplatform.messaging.send;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A customer-service message as a tenant asks for it: {@code openId}, {@code msgType} and the object of that name,
 * in the platform's camelCase (WeChat's JSON is {@link CustomMessage}'s business). Stored as sent, so that a resumed
 * send builds the same message.
 */
public record CustomMessageRequest(
        String openId,
        String msgType,
        Text text,
        Media image,
        Media voice,
        Video video,
        Music music,
        News news,
        Media mpnews,
        MsgMenu msgmenu,
        MiniProgramPage miniprogrampage) {

    public record Text(String content) {}

    /** A raw WeChat {@code mediaId}, or the platform {@code assetId} whose current media_id is sent. */
    public record Media(String mediaId, String assetId) {

        public Media(String mediaId) {
            this(mediaId, null);
        }
    }

    public record Video(String mediaId, String thumbMediaId, String title, String description, String assetId) {

        public Video(String mediaId, String thumbMediaId, String title, String description) {
            this(mediaId, thumbMediaId, title, description, null);
        }
    }

    /** The asset a media message names (image, voice, video), to be resolved to its media_id; null if none. */
    String assetId() {
        if (msgType == null) {
            return null;
        }
        return switch (msgType) {
            case "image" -> image == null ? null : image.assetId();
            case "voice" -> voice == null ? null : voice.assetId();
            case "video" -> video == null ? null : video.assetId();
            default -> null;
        };
    }

    /** This message with the named asset's media_id; 400 when it names both an asset and a media_id. */
    CustomMessageRequest withAssetMediaId(String mediaId) {
        String current = switch (msgType) {
            case "image" -> image.mediaId();
            case "voice" -> voice.mediaId();
            default -> video.mediaId();
        };
        if (current != null) {
            throw ApiException.validation(Map.of(msgType + ".assetId", "name either mediaId or assetId, not both"));
        }
        return switch (msgType) {
            case "image" -> withMedia(new Media(mediaId, image.assetId()), voice, video);
            case "voice" -> withMedia(image, new Media(mediaId, voice.assetId()), video);
            default ->
                withMedia(
                        image,
                        voice,
                        new Video(mediaId, video.thumbMediaId(), video.title(), video.description(), video.assetId()));
        };
    }

    private CustomMessageRequest withMedia(Media image, Media voice, Video video) {
        return new CustomMessageRequest(
                openId, msgType, text, image, voice, video, music, news, mpnews, msgmenu, miniprogrampage);
    }

    /** The kind of media the message carries, for an asset it names. */
    MediaKind mediaKind() {
        return switch (msgType) {
            case "image" -> MediaKind.IMAGE;
            case "voice" -> MediaKind.VOICE;
            default -> MediaKind.VIDEO;
        };
    }

    public record Music(String title, String description, String musicUrl, String hqMusicUrl, String thumbMediaId) {}

    /** A link card: one article (WeChat shows followers an error for more). */
    public record News(String title, String description, String url, String picUrl) {}

    public record MsgMenu(String headContent, List<MenuItem> items, String tailContent) {}

    public record MenuItem(String id, String content) {}

    public record MiniProgramPage(String title, String appId, String pagePath, String thumbMediaId) {}

    static final List<String> TYPES =
            List.of("text", "image", "voice", "video", "music", "news", "mpnews", "msgmenu", "miniprogrampage");

    /** WeChat's limit on a text message, in bytes of UTF-8. */
    static final int MAX_TEXT_BYTES = 2048;

    /** @throws ApiException 400 {@code VALIDATION_FAILED} naming every offending field */
    CustomMessage toWeChat() {
        Map<String, String> errors = new LinkedHashMap<>();
        require(errors, "openId", openId);
        if (msgType == null || !TYPES.contains(msgType)) {
            errors.put("msgType", "must be one of " + TYPES);
            throw ApiException.validation(errors);
        }
        CustomMessage message = build(errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return message;
    }

    /** A short description for the send's record: the text, or what identifies the content. */
    String preview() {
        return switch (msgType) {
            case "text" -> text.content();
            case "image" -> image.mediaId();
            case "voice" -> voice.mediaId();
            case "video" -> video.title() == null ? video.mediaId() : video.title();
            case "music" -> music.title() == null ? music.musicUrl() : music.title();
            case "news" -> news.title();
            case "mpnews" -> mpnews.mediaId();
            case "msgmenu" -> msgmenu.headContent() == null ? "menu" : msgmenu.headContent();
            default -> miniprogrampage.title() == null ? miniprogrampage.pagePath() : miniprogrampage.title();
        };
    }

    private CustomMessage build(Map<String, String> errors) {
        return switch (msgType) {
            case "text" ->
                present(errors, "text", text, () -> {
                    require(errors, "text.content", text.content());
                    if (text.content() != null
                            && text.content().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                        errors.put("text.content", "must be at most " + MAX_TEXT_BYTES + " bytes of UTF-8");
                    }
                    return new CustomMessage.Text(openId, text.content());
                });
            case "image" ->
                present(errors, "image", image, () -> {
                    require(errors, "image.mediaId", image.mediaId());
                    return new CustomMessage.Image(openId, image.mediaId());
                });
            case "voice" ->
                present(errors, "voice", voice, () -> {
                    require(errors, "voice.mediaId", voice.mediaId());
                    return new CustomMessage.Voice(openId, voice.mediaId());
                });
            case "video" ->
                present(errors, "video", video, () -> {
                    require(errors, "video.mediaId", video.mediaId());
                    return new CustomMessage.Video(
                            openId, video.mediaId(), video.thumbMediaId(), video.title(), video.description());
                });
            case "music" ->
                present(errors, "music", music, () -> {
                    require(errors, "music.musicUrl", music.musicUrl());
                    require(errors, "music.hqMusicUrl", music.hqMusicUrl());
                    require(errors, "music.thumbMediaId", music.thumbMediaId());
                    return new CustomMessage.Music(
                            openId,
                            music.title(),
                            music.description(),
                            music.musicUrl(),
                            music.hqMusicUrl(),
                            music.thumbMediaId());
                });
            case "news" ->
                present(errors, "news", news, () -> {
                    require(errors, "news.title", news.title());
                    require(errors, "news.url", news.url());
                    return new CustomMessage.News(openId, news.title(), news.description(), news.url(), news.picUrl());
                });
            case "mpnews" ->
                present(errors, "mpnews", mpnews, () -> {
                    require(errors, "mpnews.mediaId", mpnews.mediaId());
                    return new CustomMessage.MpNews(openId, mpnews.mediaId());
                });
            case "msgmenu" -> present(errors, "msgmenu", msgmenu, () -> menu(errors));
            default ->
                present(errors, "miniprogrampage", miniprogrampage, () -> {
                    require(errors, "miniprogrampage.appId", miniprogrampage.appId());
                    require(errors, "miniprogrampage.pagePath", miniprogrampage.pagePath());
                    require(errors, "miniprogrampage.thumbMediaId", miniprogrampage.thumbMediaId());
                    return new CustomMessage.MiniProgramPage(
                            openId,
                            miniprogrampage.title(),
                            miniprogrampage.appId(),
                            miniprogrampage.pagePath(),
                            miniprogrampage.thumbMediaId());
                });
        };
    }

    private CustomMessage menu(Map<String, String> errors) {
        if (msgmenu.items() == null || msgmenu.items().isEmpty()) {
            errors.put("msgmenu.items", "needs at least one item");
            return null;
        }
        for (int i = 0; i < msgmenu.items().size(); i++) {
            MenuItem item = msgmenu.items().get(i);
            require(errors, "msgmenu.items[" + i + "].id", item == null ? null : item.id());
            require(errors, "msgmenu.items[" + i + "].content", item == null ? null : item.content());
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new CustomMessage.MsgMenu(
                openId,
                msgmenu.headContent(),
                msgmenu.items().stream()
                        .map(item -> new CustomMessage.MenuItem(item.id(), item.content()))
                        .toList(),
                msgmenu.tailContent());
    }

    private static CustomMessage present(
            Map<String, String> errors, String field, Object value, Supplier<CustomMessage> build) {
        if (value == null) {
            errors.put(field, "is required for msgType " + field);
            return null;
        }
        CustomMessage message = build.get();
        return errors.isEmpty() ? message : null;
    }

    private static void require(Map<String, String> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required");
        }
    }
}
