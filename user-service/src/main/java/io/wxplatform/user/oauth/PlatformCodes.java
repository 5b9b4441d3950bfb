package io.wxplatform.user.oauth;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.Indexes;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.OAuthGrantView;
import io.wxplatform.wechat.api.OAuthProfile;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * One-time platform codes, {@code oauth_codes {_id: sha256(code), tenantId, appId, openId, unionId, scope,
 * snapshotUser, profile, createdAt, expiresAt, redeemedAt}}: the code itself is never stored. Redeeming is one
 * conditional update that also drops the profile, so a code gives its identity once.
 */
@Repository
class PlatformCodes {

    static final String COLLECTION = "oauth_codes";

    private final MongoCollection<Document> codes;
    private final Clock clock;
    private final OAuthProperties properties;

    PlatformCodes(MongoDatabase database, Clock clock, OAuthProperties properties) {
        this.codes = database.getCollection(COLLECTION);
        this.clock = clock;
        this.properties = properties;
    }

    @Bean
    static Indexes oauthCodeIndexes() {
        return Indexes.on(COLLECTION, Indexes.expiringAt("expiresAt"));
    }

    /** Stores what the exchange gave; emits the code for the tenant's page. */
    Mono<String> issue(PendingAuthorization pending, OAuthGrantView grant, OAuthProfile profile) {
        String code = Randoms.value();
        Document doc = new Document("_id", Randoms.digest(code))
                .append("tenantId", pending.tenantId())
                .append("appId", pending.appId())
                .append("openId", grant.openId())
                .append(
                        "unionId",
                        grant.unionId() != null ? grant.unionId() : profile == null ? null : profile.unionId())
                .append("scope", grant.scope())
                .append("snapshotUser", grant.snapshotUser())
                .append("profile", profile == null ? null : profileDocument(profile))
                .append("createdAt", Date.from(clock.instant()))
                .append("expiresAt", Date.from(clock.instant().plus(properties.codeLifetime())))
                .append("redeemedAt", null);
        return Mono.from(codes.insertOne(doc)).thenReturn(code);
    }

    /**
     * The identity behind the tenant's code, once. 409 {@code OAUTH_CODE_USED} when it was redeemed before, 404
     * {@code OAUTH_CODE_NOT_FOUND} when it is unknown, expired or another account's or tenant's.
     */
    Mono<OAuthIdentity> redeem(String tenantId, String appId, String code) {
        String id = Randoms.digest(code);
        Date now = Date.from(clock.instant());
        return Mono.from(codes.findOneAndUpdate(
                        and(
                                eq("_id", id),
                                eq("tenantId", tenantId),
                                eq("appId", appId),
                                eq("redeemedAt", null),
                                gt("expiresAt", now)),
                        Updates.combine(Updates.set("redeemedAt", now), Updates.unset("profile"))))
                .map(PlatformCodes::identity)
                .switchIfEmpty(Mono.defer(() -> refusal(tenantId, appId, id)));
    }

    private Mono<OAuthIdentity> refusal(String tenantId, String appId, String id) {
        return Mono.from(codes.find(and(eq("_id", id), eq("tenantId", tenantId), eq("appId", appId)))
                        .first())
                .filter(doc -> doc.get("redeemedAt") != null)
                .flatMap(doc -> Mono.<OAuthIdentity>error(
                        new ApiException(HttpStatus.CONFLICT, "OAUTH_CODE_USED", "This code was redeemed before")))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "OAUTH_CODE_NOT_FOUND", "No such code for account " + appId + " (unknown or expired)")));
    }

    private static Document profileDocument(OAuthProfile profile) {
        return new Document("nickname", profile.nickname())
                .append("sex", profile.sex())
                .append("province", profile.province())
                .append("city", profile.city())
                .append("country", profile.country())
                .append("headImgUrl", profile.headImgUrl())
                .append("privilege", profile.privilege());
    }

    private static OAuthIdentity identity(Document doc) {
        Document profile = doc.get("profile", Document.class);
        return new OAuthIdentity(
                doc.getString("appId"),
                doc.getString("openId"),
                doc.getString("unionId"),
                doc.getString("scope"),
                Boolean.TRUE.equals(doc.getBoolean("snapshotUser")),
                profile == null
                        ? null
                        : new OAuthIdentity.Profile(
                                profile.getString("nickname"),
                                profile.getInteger("sex", 0),
                                profile.getString("province"),
                                profile.getString("city"),
                                profile.getString("country"),
                                profile.getString("headImgUrl"),
                                profile.getList("privilege", String.class)),
                doc.getDate("createdAt").toInstant());
    }
}
