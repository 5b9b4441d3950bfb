package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Temporary media ({@code media/upload}, {@code media/get}), permanent materials ({@code material/…}) and article
 * images ({@code media/uploadimg}). Sizes and formats WeChat would refuse ({@link MediaLimits}) are refused with
 * {@link WeChatLimitException} before the call.
 */
public final class MediaApi {

    static final String UPLOAD = "/cgi-bin/media/upload";
    static final String GET = "/cgi-bin/media/get";
    static final String UPLOAD_IMAGE = "/cgi-bin/media/uploadimg";
    static final String ADD_MATERIAL = "/cgi-bin/material/add_material";
    static final String GET_MATERIAL = "/cgi-bin/material/get_material";
    static final String DELETE_MATERIAL = "/cgi-bin/material/del_material";
    static final String COUNT = "/cgi-bin/material/get_materialcount";
    static final String BATCH_GET = "/cgi-bin/material/batchget_material";

    /** Items per batchget_material page. */
    public static final int MAX_PAGE = 20;
    /** The largest file fetched: a 10 MB video with room to spare. */
    static final int MAX_FILE_BYTES = 11 * MediaLimits.MB;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatRequests requests;

    MediaApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** Uploads temporary media, valid three days. */
    public Mono<UploadedMedia> upload(String appId, String accessToken, MediaKind kind, String filename, byte[] bytes) {
        return Mono.fromRunnable(() -> MediaLimits.requireTemporary(kind, filename, bytes.length))
                .then(Mono.defer(() -> requests.upload(
                        appId,
                        UPLOAD,
                        Map.of("access_token", accessToken, "type", kind.wechatName()),
                        parts(filename, bytes, null))))
                .flatMap(node -> {
                    String mediaId = node.has("media_id")
                            ? node.path("media_id").asString("")
                            : node.path("thumb_media_id").asString("");
                    if (mediaId.isEmpty()) {
                        return Mono.error(requests.unexpected(appId, UPLOAD, "answer without media_id"));
                    }
                    long created = node.path("created_at").asLong(0);
                    return Mono.just(new UploadedMedia(kind, mediaId, Instant.ofEpochSecond(created)));
                });
    }

    /** Fetches temporary media (40007 once it has expired). */
    public Mono<MediaFile> download(String appId, String accessToken, String mediaId) {
        return requests.download(
                        appId, GET, Map.of("access_token", accessToken, "media_id", mediaId), null, MAX_FILE_BYTES)
                .map(file -> new MediaFile(file.contentType(), file.bytes()));
    }

    /** Uploads an image for article bodies; WeChat answers the URL to put in the HTML. */
    public Mono<String> uploadArticleImage(String appId, String accessToken, String filename, byte[] bytes) {
        return Mono.fromRunnable(() -> MediaLimits.requireArticleImage(filename, bytes.length))
                .then(Mono.defer(() -> requests.upload(
                        appId, UPLOAD_IMAGE, Map.of("access_token", accessToken), parts(filename, bytes, null))))
                .flatMap(node -> {
                    String url = node.path("url").asString("");
                    return url.isEmpty()
                            ? Mono.error(requests.unexpected(appId, UPLOAD_IMAGE, "answer without url"))
                            : Mono.just(url);
                });
    }

    /**
     * Adds permanent material. A video needs a {@code title} (and may have an {@code introduction}); other kinds
     * ignore both.
     */
    public Mono<Material> addMaterial(
            String appId,
            String accessToken,
            MediaKind kind,
            String filename,
            byte[] bytes,
            String title,
            String introduction) {
        return Mono.fromRunnable(() -> {
                    MediaLimits.requirePermanent(kind, filename, bytes.length);
                    if (kind == MediaKind.VIDEO && (title == null || title.isBlank())) {
                        throw new WeChatLimitException("video-title", "A permanent video needs a title");
                    }
                })
                .then(Mono.defer(() -> requests.upload(
                        appId,
                        ADD_MATERIAL,
                        Map.of("access_token", accessToken, "type", kind.wechatName()),
                        parts(filename, bytes, kind == MediaKind.VIDEO ? description(title, introduction) : null))))
                .flatMap(node -> {
                    String mediaId = node.path("media_id").asString("");
                    if (mediaId.isEmpty()) {
                        return Mono.error(requests.unexpected(appId, ADD_MATERIAL, "answer without media_id"));
                    }
                    String url = node.path("url").asString("");
                    return Mono.just(new Material(mediaId, url.isEmpty() ? null : url));
                });
    }

    /** The material's file; for a video, WeChat's JSON with its title, description and download URL. */
    public Mono<MediaFile> getMaterial(String appId, String accessToken, String mediaId) {
        return requests.download(
                        appId,
                        GET_MATERIAL,
                        Map.of("access_token", accessToken),
                        Map.of("media_id", mediaId),
                        MAX_FILE_BYTES)
                .map(file -> new MediaFile(file.contentType(), file.bytes()));
    }

    public Mono<Void> deleteMaterial(String appId, String accessToken, String mediaId) {
        return requests.post(appId, DELETE_MATERIAL, Map.of("access_token", accessToken), Map.of("media_id", mediaId))
                .then();
    }

    public Mono<MaterialCount> count(String appId, String accessToken) {
        return requests.get(appId, COUNT, Map.of("access_token", accessToken))
                .map(node -> new MaterialCount(
                        node.path("voice_count").asLong(0),
                        node.path("video_count").asLong(0),
                        node.path("image_count").asLong(0),
                        node.path("news_count").asLong(0)));
    }

    /** One page of the kind's permanent materials, {@code count} 1 to 20 from {@code offset}. */
    public Mono<MaterialPage> list(String appId, String accessToken, MediaKind kind, int offset, int count) {
        return Mono.fromRunnable(() -> {
                    if (offset < 0 || count < 1 || count > MAX_PAGE) {
                        throw new WeChatLimitException(
                                "batchget_material", "batchget_material takes offset >= 0 and 1 to " + MAX_PAGE);
                    }
                })
                .then(Mono.defer(() -> requests.post(
                        appId,
                        BATCH_GET,
                        Map.of("access_token", accessToken),
                        Map.of("type", kind.wechatName(), "offset", offset, "count", count))))
                .map(MediaApi::page);
    }

    private static MaterialPage page(JsonNode node) {
        List<MaterialPage.Item> items = new ArrayList<>();
        node.path("item")
                .forEach(item -> items.add(new MaterialPage.Item(
                        item.path("media_id").asString(""),
                        item.path("name").asString(""),
                        Instant.ofEpochSecond(item.path("update_time").asLong(0)),
                        item.path("url").asString(""))));
        return new MaterialPage(node.path("total_count").asLong(0), items);
    }

    private static String description(String title, String introduction) {
        return JSON.writeValueAsString(
                Map.of("title", title, "introduction", introduction == null ? "" : introduction));
    }

    private static MultiValueMap<String, HttpEntity<?>> parts(String filename, byte[] bytes, String description) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        builder.part("media", new ByteArrayResource(bytes) {
                    @Override
                    public String getFilename() {
                        return filename;
                    }
                })
                .filename(filename);
        if (description != null) {
            builder.part("description", description);
        }
        return builder.build();
    }
}
