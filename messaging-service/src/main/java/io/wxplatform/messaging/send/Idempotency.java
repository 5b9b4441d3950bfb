package io.wxplatform.messaging.send;

import io.wxplatform.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The {@code Idempotency-Key} rules every send shares: the key's length, the send id derived from tenant, account
 * and key (so a repeat is an {@code _id} lookup and a racing duplicate insert is refused by MongoDB), and a repeat
 * with another body refused with 422 {@code IDEMPOTENCY_KEY_REUSED}.
 */
public final class Idempotency {

    /** Longest Idempotency-Key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    private Idempotency() {}

    /** 400 for a blank or too long key; empty otherwise. */
    public static Mono<Void> checkKey(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            return Mono.error(ApiException.validation(
                    Map.of("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
        return Mono.empty();
    }

    /** A new send's id: random, or derived from the key. */
    public static String sendId(String tenantId, String appId, String idempotencyKey) {
        return idempotencyKey == null
                ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(
                                (tenantId + "|" + appId + "|" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /** The stored send a repeated request returns, if its body was the same. */
    public static OutboundMessage repeat(Document existing, String json) {
        if (!hash(json).equals(existing.getString("requestHash"))) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for a different message");
        }
        return OutboundMessage.fromDocument(existing);
    }

    public static String hash(String json) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
