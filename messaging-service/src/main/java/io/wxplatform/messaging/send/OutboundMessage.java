package io.wxplatform.messaging.send;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One send (customer-service or template message) as the tenant sees it: what it was, where it stands and, when WeChat refused it, its
 * errcode and category; {@code wechatMsgId} and {@code reportedAt} when WeChat reports delivery later (template
 * messages). {@code statusUrl} is where to ask again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundMessage(
        String id,
        String tenantId,
        String appId,
        String openId,
        String msgType,
        String content,
        OutboundStatus status,
        Integer errcode,
        String category,
        String detail,
        Integer attempts,
        Instant createdAt,
        Instant finishedAt,
        String wechatMsgId,
        Instant reportedAt,
        String statusUrl) {

    /** Content is not secret, but this is a log of sends, not an archive: keep a preview. */
    static final int CONTENT_PREVIEW_CHARS = 200;

    public static String preview(String content) {
        if (content == null) {
            return null;
        }
        return content.length() <= CONTENT_PREVIEW_CHARS ? content : content.substring(0, CONTENT_PREVIEW_CHARS);
    }

    public static OutboundMessage fromDocument(Document doc) {
        String tenantId = doc.getString("tenantId");
        String appId = doc.getString("appId");
        String id = doc.getString("_id");
        return new OutboundMessage(
                id,
                tenantId,
                appId,
                doc.getString("openId"),
                doc.getString("msgType"),
                doc.getString("content"),
                OutboundStatus.valueOf(doc.getString("status")),
                doc.getInteger("errcode"),
                doc.getString("category"),
                doc.getString("detail"),
                doc.getInteger("attempts"),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("finishedAt")),
                doc.getString("wechatMsgId"),
                instant(doc.getDate("reportedAt")),
                statusUrl(tenantId, appId, id));
    }

    static String statusUrl(String tenantId, String appId, String id) {
        return "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/messages/" + id;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
