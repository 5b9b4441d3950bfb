package io.wxplatform.user.follower;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * What a follower listing asks for; every field optional.
 *
 * @param subscribedFrom inclusive, {@code subscribedBefore} exclusive, on the subscribe time
 */
public record FollowerFilter(
        Boolean subscribed,
        Integer tagId,
        String subscribeScene,
        String qrScene,
        Instant subscribedFrom,
        Instant subscribedBefore) {

    public static FollowerFilter none() {
        return new FollowerFilter(null, null, null, null, null, null);
    }

    Bson toBson(String tenantId, String appId) {
        List<Bson> conditions = new ArrayList<>(List.of(eq("appId", appId), eq("tenantId", tenantId)));
        if (subscribed != null) {
            conditions.add(eq("subscribed", subscribed));
        }
        if (tagId != null) {
            conditions.add(eq("tagIds", tagId));
        }
        if (subscribeScene != null) {
            conditions.add(eq("subscribeScene", subscribeScene));
        }
        if (qrScene != null) {
            conditions.add(eq("scene", qrScene));
        }
        if (subscribedFrom != null) {
            conditions.add(gte("subscribedAt", Date.from(subscribedFrom)));
        }
        if (subscribedBefore != null) {
            conditions.add(lt("subscribedAt", Date.from(subscribedBefore)));
        }
        return and(conditions);
    }
}
