package io.wxplatform.user.analytics;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * WeChat's follower figures, one document per account and settled day ({@code wechat_follower_days {_id: appId|day,
 * appId, day, newUsers, cancelUsers, cumulateUsers, sources: [{userSource, newUsers, cancelUsers}], fetchedAt}}): a
 * past day's figures do not change, so a stored day is never asked of WeChat again.
 */
@Repository
class WeChatDays {

    static final String COLLECTION = "wechat_follower_days";

    private final MongoCollection<Document> days;

    WeChatDays(MongoDatabase database) {
        this.days = database.getCollection(COLLECTION);
    }

    Mono<WeChatDay> find(String appId, LocalDate day) {
        return Mono.from(days.find(eq("_id", id(appId, day))).first()).map(WeChatDay::fromDocument);
    }

    Mono<Void> store(String appId, WeChatDay day) {
        Document doc = day.toDocument().append("_id", id(appId, day.day())).append("appId", appId);
        return Mono.from(days.replaceOne(eq("_id", doc.getString("_id")), doc, new ReplaceOptions().upsert(true)))
                .then();
    }

    private static String id(String appId, LocalDate day) {
        return appId + "|" + day;
    }
}
