package io.wxplatform.user.follower;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A follower of one account as the registry knows it from inbound events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Follower(
        String tenantId,
        String appId,
        String openId,
        boolean subscribed,
        Instant subscribedAt,
        Instant unsubscribedAt,
        String scene,
        Instant lastInteractionAt) {

    static Follower fromDocument(Document doc) {
        return new Follower(doc.getString("tenantId"), doc.getString("appId"), doc.getString("openId"),
                Boolean.TRUE.equals(doc.getBoolean("subscribed")), instant(doc, "subscribedAt"),
                instant(doc, "unsubscribedAt"), doc.getString("scene"), instant(doc, "lastInteractionAt"));
    }

    private static Instant instant(Document doc, String field) {
        Date value = doc.getDate(field);
        return value == null ? null : value.toInstant();
    }
}
