package io.wxplatform.token.component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Collection {@code authorizations}; the claim of an auth code is one conditional single-document update. */
@Repository
class AuthorizationRepository {

    static final String COLLECTION = "authorizations";

    private final MongoCollection<Document> authorizations;

    AuthorizationRepository(MongoDatabase database) {
        this.authorizations = database.getCollection(COLLECTION);
    }

    Mono<Void> insert(PendingAuthorization a) {
        return Mono.from(authorizations.insertOne(new Document("_id", a.id())
                        .append("tenantId", a.tenantId())
                        .append("componentAppId", a.componentAppId())
                        .append("preAuthCodeHash", a.preAuthCodeHash())
                        .append("returnUrl", a.returnUrl())
                        .append("state", a.state().name())
                        .append("expiresAt", Date.from(a.expiresAt()))
                        .append("createdAt", Date.from(a.createdAt()))))
                .then();
    }

    Mono<PendingAuthorization> find(String id) {
        return Mono.from(authorizations.find(Filters.eq("_id", id)).first()).map(AuthorizationRepository::from);
    }

    Mono<PendingAuthorization> findOfTenant(String tenantId, String id) {
        return Mono.from(authorizations
                        .find(Filters.and(Filters.eq("_id", id), Filters.eq("tenantId", tenantId)))
                        .first())
                .map(AuthorizationRepository::from);
    }

    Mono<PendingAuthorization> findByPreAuthCode(String componentAppId, String preAuthCodeHash) {
        return Mono.from(authorizations
                        .find(Filters.and(
                                Filters.eq("preAuthCodeHash", preAuthCodeHash),
                                Filters.eq("componentAppId", componentAppId)))
                        .first())
                .map(AuthorizationRepository::from);
    }

    /**
     * The one arrival (redirect or push) that may exchange the auth code: PENDING, or CLAIMED by a holder whose
     * claim ran out, becomes CLAIMED until {@code until}. Empty when someone else holds it or it is finished.
     */
    Mono<PendingAuthorization> claim(String id, Instant now, Instant until) {
        Bson claimable = Filters.or(
                Filters.eq("state", PendingAuthorization.State.PENDING.name()),
                Filters.and(
                        Filters.eq("state", PendingAuthorization.State.CLAIMED.name()),
                        Filters.lt("claimedUntil", Date.from(now))));
        return Mono.from(authorizations.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), claimable),
                        Updates.combine(
                                Updates.set("state", PendingAuthorization.State.CLAIMED.name()),
                                Updates.set("claimedUntil", Date.from(until))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(AuthorizationRepository::from);
    }

    /** Back to PENDING after a failure someone may retry (the other arrival, a redelivered push). */
    Mono<Void> release(String id) {
        return ById.update(
                        authorizations,
                        id,
                        Filters.eq("state", PendingAuthorization.State.CLAIMED.name()),
                        Updates.combine(
                                Updates.set("state", PendingAuthorization.State.PENDING.name()),
                                Updates.unset("claimedUntil")))
                .then();
    }

    Mono<Void> finish(String id, PendingAuthorization.State state, String authorizerAppId, String error, Instant at) {
        return Mono.from(authorizations.updateOne(
                        Filters.eq("_id", id),
                        Updates.combine(
                                Updates.set("state", state.name()),
                                authorizerAppId == null
                                        ? Updates.unset("authorizerAppId")
                                        : Updates.set("authorizerAppId", authorizerAppId),
                                error == null ? Updates.unset("error") : Updates.set("error", error),
                                Updates.set("finishedAt", Date.from(at)),
                                Updates.unset("claimedUntil"))))
                .then();
    }

    private static PendingAuthorization from(Document d) {
        return new PendingAuthorization(
                d.getString("_id"),
                d.getString("tenantId"),
                d.getString("componentAppId"),
                d.getString("preAuthCodeHash"),
                d.getString("returnUrl"),
                PendingAuthorization.State.valueOf(d.getString("state")),
                instant(d, "expiresAt"),
                instant(d, "createdAt"),
                instant(d, "claimedUntil"),
                d.getString("authorizerAppId"),
                d.getString("error"),
                instant(d, "finishedAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
