package io.wxplatform.messaging.rules;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.Indexes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code reply_rules}: one document per rule ({@code _id} = rule id, the rest as in the rule's JSON).
 * {@code account_rules}: one document per account, {@code {_id: appId, tenantId, version, pending, pendingSince,
 * publishedVersion}}; {@code version} grows with every change and {@code pending} says the latest set may not be
 * on Kafka yet.
 */
@Repository
class RuleStore {

    static final String RULES = "reply_rules";
    static final String ACCOUNT_RULES = "account_rules";

    private final MongoCollection<Document> rules;
    private final MongoCollection<Document> accounts;
    private final Clock clock;

    RuleStore(MongoDatabase database, Clock clock) {
        this.rules = database.getCollection(RULES);
        this.accounts = database.getCollection(ACCOUNT_RULES);
        this.clock = clock;
    }

    @Bean
    static Indexes replyRuleIndexes() {
        return Indexes.on(RULES, Indexes.ascending("appId"));
    }

    Mono<Void> save(ReplyRule rule) {
        Document doc = Document.parse(new String(EventJson.write(rule), StandardCharsets.UTF_8))
                .append("_id", rule.id());
        return Mono.from(rules.replaceOne(eq("_id", rule.id()), doc, new ReplaceOptions().upsert(true)))
                .then();
    }

    Mono<Boolean> delete(String appId, String ruleId) {
        return Mono.from(rules.deleteOne(and(eq("_id", ruleId), eq("appId", appId))))
                .map(result -> result.getDeletedCount() > 0);
    }

    Mono<ReplyRule> find(String appId, String ruleId) {
        return Mono.from(rules.find(and(eq("_id", ruleId), eq("appId", appId))).first())
                .map(RuleStore::toRule);
    }

    Flux<ReplyRule> all(String appId) {
        return Flux.from(rules.find(eq("appId", appId))).map(RuleStore::toRule);
    }

    /** Whether any rule of the account answers with the asset's media. */
    Mono<Boolean> usesAsset(String appId, String assetId) {
        return Mono.from(rules.find(and(eq("appId", appId), eq("reply.assetId", assetId)))
                        .first())
                .hasElement();
    }

    Mono<Long> count(String appId) {
        return Mono.from(rules.countDocuments(eq("appId", appId)));
    }

    /** Bumps the account's version and marks its set pending, in one atomic update; returns the new version. */
    Mono<Long> markChanged(String appId, String tenantId) {
        return Mono.from(accounts.findOneAndUpdate(
                        eq("_id", appId),
                        Updates.combine(
                                Updates.inc("version", 1L),
                                Updates.set("pending", true),
                                Updates.set("pendingSince", Date.from(clock.instant())),
                                Updates.setOnInsert("tenantId", tenantId)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(doc -> doc.get("version", Number.class).longValue());
    }

    Mono<AccountRules> account(String appId) {
        return Mono.from(accounts.find(eq("_id", appId)).first()).map(AccountRules::from);
    }

    Flux<AccountRules> pending(int limit) {
        return Flux.from(accounts.find(eq("pending", true)).limit(limit)).map(AccountRules::from);
    }

    /** Clears the marker unless another change came in since {@code version} was read. */
    Mono<Boolean> published(String appId, long version) {
        return ById.update(
                accounts,
                appId,
                eq("version", version),
                Updates.combine(Updates.set("pending", false), Updates.set("publishedVersion", version)));
    }

    private static ReplyRule toRule(Document doc) {
        doc.remove("_id");
        return EventJson.read(doc.toJson().getBytes(StandardCharsets.UTF_8), ReplyRule.class);
    }

    record AccountRules(String appId, String tenantId, long version, boolean pending) {

        static AccountRules from(Document doc) {
            return new AccountRules(
                    doc.getString("_id"),
                    doc.getString("tenantId"),
                    doc.get("version", Number.class).longValue(),
                    Boolean.TRUE.equals(doc.getBoolean("pending")));
        }
    }
}
