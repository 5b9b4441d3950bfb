package io.wxplatform.wechat.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * WeChat's size and format limits for uploads (wechat-protocol.md §3b), checked before the call by the file name's
 * extension and the byte count, as WeChat checks them (40005 invalid type, 40006 invalid size, 40009 image too big).
 * Voice length (60 s) is not checked here: it would need decoding the file; WeChat's own answer covers it.
 */
public final class MediaLimits {

    public static final int KB = 1024;
    public static final int MB = 1024 * KB;
    /** Temporary media live 3 days at WeChat. */
    public static final Duration TEMPORARY_LIFETIME = Duration.ofDays(3);
    /** Article images ({@code media/uploadimg}): jpg or png, at most 1 MB. */
    public static final Limit ARTICLE_IMAGE = new Limit(MB, Set.of("jpg", "png"));

    /** Temporary image: the page says both 10 MB and 2 MB; 2 MB is what holds. */
    private static final Map<MediaKind, Limit> TEMPORARY = Map.of(
            MediaKind.IMAGE, new Limit(2 * MB, Set.of("png", "jpeg", "jpg", "gif")),
            MediaKind.VOICE, new Limit(2 * MB, Set.of("amr", "mp3")),
            MediaKind.VIDEO, new Limit(10 * MB, Set.of("mp4")),
            MediaKind.THUMB, new Limit(64 * KB, Set.of("jpg")));

    private static final Map<MediaKind, Limit> PERMANENT = Map.of(
            MediaKind.IMAGE, new Limit(10 * MB, Set.of("bmp", "png", "jpeg", "jpg", "gif")),
            MediaKind.VOICE, new Limit(2 * MB, Set.of("mp3", "wma", "wav", "amr")),
            MediaKind.VIDEO, new Limit(10 * MB, Set.of("mp4")),
            MediaKind.THUMB, new Limit(64 * KB, Set.of("jpg")));

    /** At most {@code maxBytes}, with one of the {@code extensions} (lower case). */
    public record Limit(long maxBytes, Set<String> extensions) {}

    private MediaLimits() {}

    public static Limit temporary(MediaKind kind) {
        return TEMPORARY.get(kind);
    }

    public static Limit permanent(MediaKind kind) {
        return PERMANENT.get(kind);
    }

    /** Throws {@link WeChatLimitException} unless WeChat takes the file as temporary media of that kind. */
    public static void requireTemporary(MediaKind kind, String filename, long bytes) {
        require("temporary " + kind.wechatName(), TEMPORARY.get(kind), filename, bytes);
    }

    /** Throws {@link WeChatLimitException} unless WeChat takes the file as permanent material of that kind. */
    public static void requirePermanent(MediaKind kind, String filename, long bytes) {
        require("permanent " + kind.wechatName(), PERMANENT.get(kind), filename, bytes);
    }

    /** Throws {@link WeChatLimitException} unless WeChat takes the file as an article image. */
    public static void requireArticleImage(String filename, long bytes) {
        require("article image", ARTICLE_IMAGE, filename, bytes);
    }

    private static void require(String what, Limit limit, String filename, long bytes) {
        String extension = extension(filename);
        if (!limit.extensions().contains(extension)) {
            throw new WeChatLimitException(
                    "media-format",
                    "A " + what + " must be one of "
                            + limit.extensions().stream().sorted().toList() + ", not "
                            + (extension.isEmpty() ? "a file without extension" : extension));
        }
        if (bytes <= 0 || bytes > limit.maxBytes()) {
            throw new WeChatLimitException(
                    "media-size", "A " + what + " has 1 to " + limit.maxBytes() + " bytes, not " + bytes);
        }
    }

    static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
