package io.wxplatform.messaging.mass;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.MassApi;
import io.wxplatform.wechat.api.MassMessage;
import io.wxplatform.wechat.api.MediaKind;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A mass send as the tenant asks for it: exactly one target ({@code toAll: true}, a {@code tagId}, or {@code openIds})
 * — or, for a preview, one {@code openId} — and the content: {@code msgType} text {@code {content}}, image, voice,
 * video (a video material's media_id: WeChat's mpvideo) or mpnews (a draft's media_id) {@code {mediaId}}, wxcard
 * {@code {cardId}}; {@code sendIgnoreReprint} for articles (default false: a reprint stops the send). Image, voice and
 * video may name a platform asset instead ({@code {assetId}}): the job is stored with its current media_id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MassSendRequest(
        Boolean toAll,
        Long tagId,
        List<String> openIds,
        String openId,
        String msgType,
        Text text,
        Media image,
        Media voice,
        Media video,
        Media mpnews,
        Card wxcard,
        Boolean sendIgnoreReprint) {

    public record Text(String content) {}

    /** A media_id, or for image, voice and video a platform asset whose current media_id is sent. */
    public record Media(String mediaId, String assetId) {

        public Media(String mediaId) {
            this(mediaId, null);
        }
    }

    public record Card(String cardId) {}

    /** What is sent to whom; {@code openIds} deduplicated in their order. */
    enum Target {
        ALL,
        TAG,
        OPENIDS
    }

    /** 400 VALIDATION_FAILED naming each bad field of a send (not a preview). */
    void validateSend(int maxOpenIds) {
        Map<String, String> errors = new LinkedHashMap<>();
        int targets = (Boolean.TRUE.equals(toAll) ? 1 : 0) + (tagId != null ? 1 : 0) + (openIds != null ? 1 : 0);
        if (targets != 1) {
            errors.put("toAll", "give exactly one of toAll: true, tagId or openIds");
        }
        if (tagId != null && tagId < 0) {
            errors.put("tagId", "must be a tag id");
        }
        if (openIds != null) {
            List<String> distinct = distinctOpenIds();
            if (distinct.size() < MassApi.MIN_OPENIDS || distinct.size() > maxOpenIds) {
                errors.put(
                        "openIds",
                        "must name " + MassApi.MIN_OPENIDS + " to " + maxOpenIds
                                + " different followers (one follower: use the preview)");
            } else if (distinct.stream().anyMatch(id -> id == null || id.isBlank())) {
                errors.put("openIds", "must not hold blank openids");
            }
        }
        if (openId != null) {
            errors.put("openId", "is for previews; a send takes openIds");
        }
        content(errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** 400 VALIDATION_FAILED naming each bad field of a preview. */
    void validatePreview() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (openId == null || openId.isBlank()) {
            errors.put("openId", "is required: the follower who sees the preview");
        }
        content(errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    Target target() {
        return Boolean.TRUE.equals(toAll) ? Target.ALL : tagId != null ? Target.TAG : Target.OPENIDS;
    }

    List<String> distinctOpenIds() {
        return openIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(openIds));
    }

    /** WeChat's message; call only once validated. */
    MassMessage message() {
        boolean reprint = Boolean.TRUE.equals(sendIgnoreReprint);
        return switch (msgType) {
            case "text" -> new MassMessage(MassMessage.Type.TEXT, text.content(), false);
            case "image" -> new MassMessage(MassMessage.Type.IMAGE, image.mediaId(), false);
            case "voice" -> new MassMessage(MassMessage.Type.VOICE, voice.mediaId(), false);
            case "video" -> new MassMessage(MassMessage.Type.MPVIDEO, video.mediaId(), false);
            case "mpnews" -> new MassMessage(MassMessage.Type.MPNEWS, mpnews.mediaId(), reprint);
            case "wxcard" -> new MassMessage(MassMessage.Type.WXCARD, wxcard.cardId(), false);
            default -> throw new IllegalStateException("not validated: " + msgType);
        };
    }

    /** The platform asset the content names, if any (image, voice or video). */
    String assetId() {
        Media media = media();
        return media == null ? null : media.assetId();
    }

    /** The kind of media an asset must be for this content. */
    MediaKind mediaKind() {
        return switch (msgType) {
            case "image" -> MediaKind.IMAGE;
            case "voice" -> MediaKind.VOICE;
            default -> MediaKind.VIDEO;
        };
    }

    /** This request with the asset's current media_id in place of the asset. */
    MassSendRequest withAssetMediaId(String mediaId) {
        Media resolved = new Media(mediaId, null);
        return new MassSendRequest(
                toAll,
                tagId,
                openIds,
                openId,
                msgType,
                text,
                "image".equals(msgType) ? resolved : image,
                "voice".equals(msgType) ? resolved : voice,
                "video".equals(msgType) ? resolved : video,
                mpnews,
                wxcard,
                sendIgnoreReprint);
    }

    private Media media() {
        return msgType == null
                ? null
                : switch (msgType) {
                    case "image" -> image;
                    case "voice" -> voice;
                    case "video" -> video;
                    case "mpnews" -> mpnews;
                    default -> null;
                };
    }

    /** A short description of the content for job lists. */
    String preview() {
        MassMessage message = message();
        return message.type() == MassMessage.Type.TEXT ? message.value() : msgType + ": " + message.value();
    }

    private void content(Map<String, String> errors) {
        if (msgType == null) {
            errors.put("msgType", "is required: text, image, voice, video, mpnews or wxcard");
            return;
        }
        switch (msgType) {
            case "text" -> {
                if (text == null || text.content() == null || text.content().isBlank()) {
                    errors.put("text.content", "is required");
                }
            }
            case "image" -> media(errors, "image", image);
            case "voice" -> media(errors, "voice", voice);
            case "video" -> media(errors, "video", video);
            case "mpnews" -> media(errors, "mpnews", mpnews);
            case "wxcard" -> {
                if (wxcard == null || wxcard.cardId() == null || wxcard.cardId().isBlank()) {
                    errors.put("wxcard.cardId", "is required");
                }
            }
            default -> errors.put("msgType", "must be text, image, voice, video, mpnews or wxcard");
        }
        if (sendIgnoreReprint != null && !"mpnews".equals(msgType)) {
            errors.put("sendIgnoreReprint", "applies to mpnews only");
        }
    }

    private static void media(Map<String, String> errors, String field, Media media) {
        boolean hasMediaId =
                media != null && media.mediaId() != null && !media.mediaId().isBlank();
        boolean hasAsset =
                media != null && media.assetId() != null && !media.assetId().isBlank();
        if ("mpnews".equals(field)) {
            if (!hasMediaId) {
                errors.put("mpnews.mediaId", "is required: a draft's media_id");
            }
            if (hasAsset) {
                errors.put("mpnews.assetId", "articles are drafts: give the draft's mediaId");
            }
        } else if (hasMediaId == hasAsset) {
            errors.put(field + ".mediaId", "give either mediaId or assetId");
        }
    }
}
