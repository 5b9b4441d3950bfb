package io.wxplatform.sandbox.media;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Uploaded bytes as WeChat keeps them: temporary media (valid three days from upload, by the sandbox clock) and
 * permanent materials, each under the media_id handed out, per account.
 */
@Component
public class MediaStore implements Resettable {

    static final Duration TEMPORARY_LIFETIME = Duration.ofDays(3);

    /** A stored file; {@code title} and {@code introduction} only for permanent videos. */
    public record Stored(
            String appId,
            String mediaId,
            String type,
            String filename,
            String contentType,
            byte[] bytes,
            Instant createdAt,
            boolean permanent,
            String title,
            String introduction,
            String url) {

        boolean expiredAt(Instant now) {
            return !permanent && !now.isBefore(createdAt.plus(TEMPORARY_LIFETIME));
        }
    }

    private final ConcurrentMap<String, Stored> byMediaId = new ConcurrentHashMap<>();

    Stored put(Stored stored) {
        byMediaId.put(stored.mediaId(), stored);
        return stored;
    }

    /** The account's live file under the media_id: unknown, another account's or expired read as absent. */
    public Optional<Stored> find(String appId, String mediaId, Instant now) {
        return Optional.ofNullable(mediaId == null ? null : byMediaId.get(mediaId))
                .filter(stored -> stored.appId().equals(appId))
                .filter(stored -> !stored.expiredAt(now));
    }

    boolean deletePermanent(String appId, String mediaId) {
        Stored stored = mediaId == null ? null : byMediaId.get(mediaId);
        if (stored == null || !stored.permanent() || !stored.appId().equals(appId)) {
            return false;
        }
        return byMediaId.remove(mediaId, stored);
    }

    /** The account's permanent materials of a type, newest first. */
    List<Stored> permanent(String appId, String type) {
        return byMediaId.values().stream()
                .filter(stored -> stored.permanent()
                        && stored.appId().equals(appId)
                        && stored.type().equals(type))
                .sorted(Comparator.comparing(Stored::createdAt).reversed().thenComparing(Stored::mediaId))
                .toList();
    }

    static String newMediaId() {
        return UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void reset() {
        byMediaId.clear();
    }
}
