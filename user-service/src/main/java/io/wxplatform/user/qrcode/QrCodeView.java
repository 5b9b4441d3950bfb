package io.wxplatform.user.qrcode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A parametric QR code of an account: {@code qr_codes {_id: appId|scene, tenantId, appId, scene, kind, ticket, url,
 * imageUrl, label, expiresAt, createdAt}}. The scene is what WeChat puts in the subscribe/SCAN EventKey.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QrCodeView(
        String appId,
        String scene,
        Kind kind,
        String ticket,
        String url,
        String imageUrl,
        String label,
        Instant expiresAt,
        Instant createdAt) {

    public enum Kind {
        TEMPORARY,
        PERMANENT
    }

    static QrCodeView fromDocument(Document doc) {
        return new QrCodeView(
                doc.getString("appId"),
                doc.getString("scene"),
                Kind.valueOf(doc.getString("kind")),
                doc.getString("ticket"),
                doc.getString("url"),
                doc.getString("imageUrl"),
                doc.getString("label"),
                instant(doc.getDate("expiresAt")),
                instant(doc.getDate("createdAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
