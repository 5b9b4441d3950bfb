package io.wxplatform.user.follower;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A follower of one account, from inbound events and from syncs with WeChat's user/info (which since 2021 holds no
 * nickname, avatar, sex, region or language, so neither does this).
 *
 * @param scene          the QR scene the follower came through (EventKey minus {@code qrscene_}, or user/info's
 *                       qr_scene_str / qr_scene)
 * @param subscribeScene how WeChat says they came ({@code ADD_SCENE_QR_CODE}, …), known after a sync
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Follower(
        String tenantId,
        String appId,
        String openId,
        boolean subscribed,
        Instant subscribedAt,
        Instant unsubscribedAt,
        String scene,
        String subscribeScene,
        String remark,
        List<Integer> tagIds,
        String unionId,
        Instant lastInteractionAt,
        Instant syncedAt) {

    static Follower fromDocument(Document doc) {
        return new Follower(
                doc.getString("tenantId"),
                doc.getString("appId"),
                doc.getString("openId"),
                Boolean.TRUE.equals(doc.getBoolean("subscribed")),
                instant(doc, "subscribedAt"),
                instant(doc, "unsubscribedAt"),
                doc.getString("scene"),
                doc.getString("subscribeScene"),
                doc.getString("remark"),
                doc.getList("tagIds", Integer.class),
                doc.getString("unionId"),
                instant(doc, "lastInteractionAt"),
                instant(doc, "syncedAt"));
    }

    private static Instant instant(Document doc, String field) {
        Date value = doc.getDate(field);
        return value == null ? null : value.toInstant();
    }
}
