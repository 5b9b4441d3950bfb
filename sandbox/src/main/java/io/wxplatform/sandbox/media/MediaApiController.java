package io.wxplatform.sandbox.media;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /cgi-bin/media/…} and {@code /cgi-bin/material/…}: uploads checked for WeChat's formats and sizes, bytes kept
 * and served back under the media_id handed out; temporary media answer 40007 three days after upload (sandbox clock).
 * Material management is for verified accounts only (48001), as WeChat's permission table says.
 */
@RestController
class MediaApiController {

    private static final int KB = 1024;
    private static final int MB = 1024 * KB;
    private static final Map<String, Limit> TEMPORARY = Map.of(
            "image", new Limit(2 * MB, Set.of("png", "jpeg", "jpg", "gif"), MediaErrors.IMAGE_TOO_BIG),
            "voice", new Limit(2 * MB, Set.of("amr", "mp3"), MediaErrors.VOICE_TOO_BIG),
            "video", new Limit(10 * MB, Set.of("mp4"), MediaErrors.VIDEO_TOO_BIG),
            "thumb", new Limit(64 * KB, Set.of("jpg"), MediaErrors.THUMB_TOO_BIG));
    private static final Map<String, Limit> PERMANENT = Map.of(
            "image", new Limit(10 * MB, Set.of("bmp", "png", "jpeg", "jpg", "gif"), MediaErrors.IMAGE_TOO_BIG),
            "voice", new Limit(2 * MB, Set.of("mp3", "wma", "wav", "amr"), MediaErrors.VOICE_TOO_BIG),
            "video", new Limit(10 * MB, Set.of("mp4"), MediaErrors.VIDEO_TOO_BIG),
            "thumb", new Limit(64 * KB, Set.of("jpg"), MediaErrors.THUMB_TOO_BIG));
    private static final Limit ARTICLE_IMAGE = new Limit(MB, Set.of("jpg", "png"), MediaErrors.IMAGE_TOO_BIG);
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("amr", "audio/amr"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wma", "audio/x-ms-wma"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Limit(int maxBytes, Set<String> extensions, WeChatError tooBig) {}

    private record Upload(String filename, byte[] bytes, String description) {}

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final MediaStore store;
    private final ApiCallLog calls;
    private final WeChatJson json;
    private final Clock clock;

    MediaApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            MediaStore store,
            ApiCallLog calls,
            WeChatJson json,
            Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.store = store;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/cgi-bin/media/upload")
    Mono<Map<String, Object>> upload(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String type,
            ServerWebExchange exchange) {
        Account account = caller(accessToken);
        return upload(exchange)
                .map(upload -> calls.record(account.appId(), "media/upload", () -> {
                    requireVerified(account);
                    Limit limit = limit(TEMPORARY, type);
                    String extension = check(limit, upload);
                    MediaStore.Stored stored = store.put(new MediaStore.Stored(
                            account.appId(),
                            MediaStore.newMediaId(),
                            type,
                            upload.filename(),
                            CONTENT_TYPES.get(extension),
                            upload.bytes(),
                            clock.instant(),
                            false,
                            null,
                            null,
                            null));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("type", type);
                    answer.put("thumb".equals(type) ? "thumb_media_id" : "media_id", stored.mediaId());
                    answer.put("created_at", stored.createdAt().getEpochSecond());
                    return answer;
                }));
    }

    @GetMapping("/cgi-bin/media/get")
    ResponseEntity<byte[]> download(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "media_id", required = false) String mediaId) {
        Account account = caller(accessToken);
        return calls.record(account.appId(), "media/get", () -> {
            MediaStore.Stored stored = store.find(account.appId(), mediaId, clock.instant())
                    .filter(found -> !found.permanent())
                    .orElseThrow(MediaErrors.INVALID_MEDIA_ID::toException);
            return file(stored);
        });
    }

    @PostMapping("/cgi-bin/media/uploadimg")
    Mono<Map<String, Object>> uploadArticleImage(
            @RequestParam(name = "access_token", required = false) String accessToken, ServerWebExchange exchange) {
        Account account = caller(accessToken);
        return upload(exchange)
                .map(upload -> calls.record(account.appId(), "media/uploadimg", () -> {
                    requireVerified(account);
                    check(ARTICLE_IMAGE, upload);
                    return Map.of(
                            "url", "http://mmbiz.qpic.cn/sandbox/" + account.appId() + "/" + MediaStore.newMediaId());
                }));
    }

    @PostMapping("/cgi-bin/material/add_material")
    Mono<Map<String, Object>> addMaterial(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String type,
            ServerWebExchange exchange) {
        Account account = caller(accessToken);
        return upload(exchange)
                .map(upload -> calls.record(account.appId(), "material/add_material", () -> {
                    requireVerified(account);
                    Limit limit = limit(PERMANENT, type);
                    String extension = check(limit, upload);
                    String title = null;
                    String introduction = null;
                    if ("video".equals(type)) {
                        Map<String, Object> description =
                                upload.description() == null ? Map.of() : json.object(upload.description());
                        title = WeChatJson.text(description, "title");
                        introduction = WeChatJson.text(description, "introduction");
                        if (WeChatJson.isBlank(title)) {
                            throw MediaErrors.MISSING_DESCRIPTION.toException();
                        }
                    }
                    String mediaId = MediaStore.newMediaId();
                    String url = "image".equals(type)
                            ? "http://mmbiz.qpic.cn/sandbox/" + account.appId() + "/" + mediaId
                            : null;
                    store.put(new MediaStore.Stored(
                            account.appId(),
                            mediaId,
                            type,
                            upload.filename(),
                            CONTENT_TYPES.get(extension),
                            upload.bytes(),
                            clock.instant(),
                            true,
                            title,
                            introduction,
                            url));
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("media_id", mediaId);
                    if (url != null) {
                        answer.put("url", url);
                    }
                    return answer;
                }));
    }

    @PostMapping("/cgi-bin/material/get_material")
    ResponseEntity<byte[]> getMaterial(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = caller(accessToken);
        return calls.record(account.appId(), "material/get_material", () -> {
            requireVerified(account);
            String mediaId = WeChatJson.text(json.object(body), "media_id");
            MediaStore.Stored stored = store.find(account.appId(), mediaId, clock.instant())
                    .filter(MediaStore.Stored::permanent)
                    .orElseThrow(MediaErrors.INVALID_MEDIA_ID::toException);
            if ("video".equals(stored.type())) {
                Map<String, Object> video = Map.of(
                        "title",
                        stored.title(),
                        "description",
                        stored.introduction() == null ? "" : stored.introduction(),
                        "down_url",
                        "http://mmbiz.qpic.cn/sandbox/video/" + stored.mediaId());
                return ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(JSON.writeValueAsString(video).getBytes(StandardCharsets.UTF_8));
            }
            return file(stored);
        });
    }

    @PostMapping("/cgi-bin/material/del_material")
    WeChatError deleteMaterial(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "material/del_material", account -> {
            if (!store.deletePermanent(account.appId(), WeChatJson.text(json.object(body), "media_id"))) {
                throw MediaErrors.INVALID_MEDIA_ID.toException();
            }
            return WeChatError.OK;
        });
    }

    @GetMapping("/cgi-bin/material/get_materialcount")
    Map<String, Object> count(@RequestParam(name = "access_token", required = false) String accessToken) {
        return call(
                accessToken,
                "material/get_materialcount",
                account -> Map.of(
                        "voice_count", store.permanent(account.appId(), "voice").size(),
                        "video_count", store.permanent(account.appId(), "video").size(),
                        "image_count", store.permanent(account.appId(), "image").size(),
                        "news_count", 0));
    }

    @PostMapping("/cgi-bin/material/batchget_material")
    Map<String, Object> list(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "material/batchget_material", account -> {
            Map<String, Object> request = json.object(body);
            String type = WeChatJson.text(request, "type");
            if (type == null || !PERMANENT.containsKey(type)) {
                throw MediaErrors.INVALID_MEDIA_TYPE.toException();
            }
            int offset = number(request.get("offset"));
            int count = number(request.get("count"));
            if (offset < 0 || count < 1 || count > 20) {
                throw WeChatError.INVALID_ARGS.toException();
            }
            List<MediaStore.Stored> all = store.permanent(account.appId(), type);
            List<Map<String, Object>> items = new ArrayList<>();
            for (MediaStore.Stored stored :
                    all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size()))) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("media_id", stored.mediaId());
                item.put("name", stored.filename());
                item.put("update_time", stored.createdAt().getEpochSecond());
                if (stored.url() != null) {
                    item.put("url", stored.url());
                }
                items.add(item);
            }
            return Map.of("total_count", all.size(), "item_count", items.size(), "item", items);
        });
    }

    private static int number(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_ARGS.toException();
        }
    }

    private static ResponseEntity<byte[]> file(MediaStore.Stored stored) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        stored.contentType() == null ? "application/octet-stream" : stored.contentType()))
                .header("Content-Disposition", "attachment; filename=\"" + stored.filename() + "\"")
                .body(stored.bytes());
    }

    private static Limit limit(Map<String, Limit> limits, String type) {
        Limit limit = type == null ? null : limits.get(type);
        if (limit == null) {
            throw MediaErrors.INVALID_MEDIA_TYPE.toException();
        }
        return limit;
    }

    /** The file's extension when WeChat takes it under the limit. */
    private static String check(Limit limit, Upload upload) {
        if (upload.bytes() == null) {
            throw MediaErrors.MISSING_MEDIA.toException();
        }
        String name = upload.filename() == null ? "" : upload.filename();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!limit.extensions().contains(extension)) {
            throw MediaErrors.INVALID_FILE_TYPE.toException();
        }
        if (upload.bytes().length == 0) {
            throw MediaErrors.INVALID_FILE_SIZE.toException();
        }
        if (upload.bytes().length > limit.maxBytes()) {
            throw limit.tooBig().toException();
        }
        return extension;
    }

    /** The multipart body's {@code media} file and {@code description} field (either may be missing). */
    private static Mono<Upload> upload(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> {
            Part media = parts.getFirst("media");
            String description = parts.getFirst("description") instanceof FormFieldPart field ? field.value() : null;
            if (!(media instanceof FilePart file)) {
                return Mono.just(new Upload(null, null, description));
            }
            return DataBufferUtils.join(file.content())
                    .map(buffer -> {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        DataBufferUtils.release(buffer);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    .map(bytes -> new Upload(file.filename(), bytes, description));
        });
    }

    private <T> T call(String accessToken, String api, Function<Account, T> work) {
        Account account = caller(accessToken);
        return calls.record(account.appId(), api, () -> {
            requireVerified(account);
            return work.apply(account);
        });
    }

    private Account caller(String accessToken) {
        return accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
    }

    private static void requireVerified(Account account) {
        if (!account.verified()) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
    }
}
