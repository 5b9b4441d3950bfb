package io.wxplatform.messaging.send;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.api.WeChatApiException;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One message sent (or refused) to a follower, as stored in {@code outbound_messages}. The id derives from the event
 * that caused it, so a redelivered event rewrites the same record instead of adding one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutboundMessage(
        String id,
        String tenantId,
        String appId,
        String openId,
        String eventId,
        String msgType,
        String content,
        OutboundStatus status,
        Integer errcode,
        String category,
        Instant createdAt) {

    /** Content is not secret, but this is a log of sends, not an archive: keep a preview. */
    static final int CONTENT_PREVIEW_CHARS = 200;

    static OutboundMessage sent(InboundEvent cause, String msgType, String content, Instant at) {
        return new OutboundMessage(
                replyIdOf(cause),
                cause.tenantId(),
                cause.appId(),
                cause.openId(),
                cause.eventId(),
                msgType,
                preview(content),
                OutboundStatus.SENT,
                null,
                null,
                at);
    }

    static OutboundMessage failed(
            InboundEvent cause, String msgType, String content, WeChatApiException error, Instant at) {
        return new OutboundMessage(
                replyIdOf(cause),
                cause.tenantId(),
                cause.appId(),
                cause.openId(),
                cause.eventId(),
                msgType,
                preview(content),
                OutboundStatus.FAILED,
                error.errcode(),
                error.category().name(),
                at);
    }

    Document toDocument() {
        Document doc = new Document("_id", id)
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("openId", openId)
                .append("eventId", eventId)
                .append("msgType", msgType)
                .append("content", content)
                .append("status", status.name())
                .append("createdAt", Date.from(createdAt));
        if (errcode != null) {
            doc.append("errcode", errcode).append("category", category);
        }
        return doc;
    }

    static OutboundMessage fromDocument(Document doc) {
        return new OutboundMessage(
                doc.getString("_id"),
                doc.getString("tenantId"),
                doc.getString("appId"),
                doc.getString("openId"),
                doc.getString("eventId"),
                doc.getString("msgType"),
                doc.getString("content"),
                OutboundStatus.valueOf(doc.getString("status")),
                doc.getInteger("errcode"),
                doc.getString("category"),
                doc.getDate("createdAt").toInstant());
    }

    private static String replyIdOf(InboundEvent cause) {
        return cause.eventId() + "/reply";
    }

    private static String preview(String content) {
        return content.length() <= CONTENT_PREVIEW_CHARS ? content : content.substring(0, CONTENT_PREVIEW_CHARS);
    }
}
