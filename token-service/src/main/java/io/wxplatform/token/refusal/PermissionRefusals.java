package io.wxplatform.token.refusal;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WeChat's permission refusals of every service's calls per account, {@code permission_refusals} {@code {_id:
 * appId|group (or appId|api), tenantId, appId, apiGroup, api, errcode, errmsg, count, firstAt, lastAt}}: one upsert
 * per report, so repeated refusals of a group count up instead of piling up.
 */
@Repository
class PermissionRefusals {

    static final String COLLECTION = "permission_refusals";

    private final MongoCollection<Document> collection;
    private final AccountRepository accounts;
    private final Clock clock;

    PermissionRefusals(MongoDatabase database, AccountRepository accounts, Clock clock) {
        this.collection = database.getCollection(COLLECTION);
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Records the report on the (live) account; 404 {@code ACCOUNT_NOT_FOUND} for an unknown or deleted one. */
    Mono<Void> record(String appId, PermissionRefusalReport report) {
        Map<String, String> violations = report.violations();
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.validation(violations));
        }
        Date now = Date.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String key = report.apiGroup() != null ? report.apiGroup() : report.api();
        return live(appId)
                .switchIfEmpty(Mono.error(() -> notFound(appId)))
                .flatMap(account -> Mono.from(collection.updateOne(
                        eq("_id", appId + "|" + key),
                        Updates.combine(
                                Updates.set("tenantId", account.tenantId()),
                                Updates.set("appId", appId),
                                Updates.set("apiGroup", report.apiGroup()),
                                Updates.set("api", report.api()),
                                Updates.set("errcode", report.errcode()),
                                Updates.set("errmsg", report.errmsg()),
                                Updates.inc("count", 1L),
                                Updates.setOnInsert("firstAt", now),
                                Updates.set("lastAt", now)),
                        new UpdateOptions().upsert(true))))
                .then();
    }

    /** The refusals of the tenant's account, latest first; 404 when the tenant has no such live account. */
    Flux<PermissionRefusalView> of(String tenantId, String appId) {
        return live(appId)
                .filter(account -> account.tenantId().equals(tenantId))
                .switchIfEmpty(Mono.error(() -> notFound(appId)))
                .flatMapMany(account -> Flux.from(collection
                        .find(eq("appId", appId))
                        .sort(Sorts.descending("lastAt"))
                        .limit(100)))
                .filter(doc -> tenantId.equals(doc.getString("tenantId")))
                .map(PermissionRefusals::view);
    }

    private Mono<Account> live(String appId) {
        return accounts.find(appId).filter(account -> account.status() != AccountStatus.DELETED);
    }

    private static PermissionRefusalView view(Document doc) {
        return new PermissionRefusalView(
                doc.getString("apiGroup"),
                doc.getString("api"),
                doc.getInteger("errcode", 0),
                doc.getString("errmsg"),
                doc.get("count") instanceof Number count ? count.longValue() : 0,
                instant(doc.getDate("firstAt")),
                instant(doc.getDate("lastAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static ApiException notFound(String appId) {
        return ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + appId);
    }
}
