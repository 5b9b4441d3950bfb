package io.wxplatform.token.credential;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.ById;
import io.wxplatform.support.mongo.MongoErrors;
import io.wxplatform.token.secret.SealedSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Collection {@code credentials}; every change is one conditional single-document write. */
@Repository
class CredentialRepository {

    private final MongoCollection<Document> credentials;

    CredentialRepository(MongoDatabase database) {
        this.credentials = database.getCollection("credentials");
    }

    Mono<Credential> find(String appId, CredentialKind kind) {
        return Mono.from(credentials
                        .find(Filters.eq("_id", Credential.id(appId, kind)))
                        .first())
                .map(CredentialRepository::fromDocument);
    }

    /**
     * Stores {@code next} only if the stored version is still {@code seenVersion} (0: none stored yet) and drops
     * any lease with it. False when another writer got there first.
     */
    Mono<Boolean> storeIfVersion(Credential next, long seenVersion) {
        if (seenVersion == 0) {
            return Mono.from(credentials.insertOne(toDocument(next)))
                    .thenReturn(true)
                    .onErrorResume(MongoErrors::isDuplicateKey, e -> Mono.just(false));
        }
        return replace(next, Filters.eq("version", seenVersion));
    }

    /** Like {@link #storeIfVersion}, but only while {@code owner} still holds the lease it refreshed under. */
    Mono<Boolean> storeIfLeased(Credential next, long seenVersion, String owner) {
        return replace(next, Filters.and(Filters.eq("version", seenVersion), Filters.eq("lease.owner", owner)));
    }

    /**
     * One write for the value and, for a component account, the rotated refresh token that came with it: WeChat has
     * already invalidated the old one, so the two must never be stored apart.
     */
    private Mono<Boolean> replace(Credential next, Bson condition) {
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("version", next.version()),
                Updates.set("value", next.value().toDocument()),
                Updates.set("expiresAt", Date.from(next.expiresAt())),
                Updates.set("refreshedAt", Date.from(next.refreshedAt())),
                Updates.set("refreshAt", Date.from(next.refreshAt())),
                Updates.set("failures", 0),
                Updates.unset("lease")));
        if (next.refreshToken() != null) {
            sets.add(Updates.set("refreshToken", next.refreshToken().toDocument()));
        }
        Bson update = Updates.combine(sets);
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", next.id()), condition),
                        update,
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .hasElement();
    }

    /**
     * Ids of up to {@code limit} credentials whose {@code refreshAt} has come and whose lease is free or expired, most
     * overdue first. One query per batch: the claims that follow are single-document writes by {@code _id}.
     */
    Flux<String> dueIds(Instant now, int limit) {
        return Flux.from(credentials
                        .find(Filters.and(Filters.lte("refreshAt", Date.from(now)), leaseFree(now)))
                        .projection(Projections.include("_id"))
                        .sort(Sorts.ascending("refreshAt"))
                        .limit(limit))
                .map(document -> document.getString("_id"));
    }

    /**
     * Takes the lease on credential {@code id} if it is still due and its lease free or expired (its holder died or
     * hangs); empty when another replica got there first or it is no longer due.
     */
    Mono<Credential> claimDue(String id, String owner, Instant now, Instant until) {
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", id), Filters.lte("refreshAt", Date.from(now)), leaseFree(now)),
                        Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(CredentialRepository::fromDocument);
    }

    /** After a failed refresh: try again at {@code retryAt} and release the lease (if still ours). */
    Mono<Void> retryLater(Credential credential, String owner, int failures, Instant retryAt) {
        return ById.update(
                        credentials,
                        credential.id(),
                        Filters.eq("lease.owner", owner),
                        Updates.combine(
                                Updates.set("refreshAt", Date.from(retryAt)),
                                Updates.set("failures", failures),
                                Updates.unset("lease")))
                .then();
    }

    /** Stops scheduled refreshes of the credential (its account is not ACTIVE) and releases the lease. */
    Mono<Void> park(Credential credential, String owner) {
        return ById.update(
                        credentials,
                        credential.id(),
                        Filters.eq("lease.owner", owner),
                        Updates.combine(Updates.unset("refreshAt"), Updates.unset("lease")))
                .then();
    }

    /** Takes the lease on {@code version} if nobody holds an unexpired one: the claimed credential, else empty. */
    Mono<Credential> claimLease(
            String appId, CredentialKind kind, long version, String owner, Instant now, Instant until) {
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.and(
                                Filters.eq("_id", Credential.id(appId, kind)),
                                Filters.eq("version", version),
                                leaseFree(now)),
                        Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(CredentialRepository::fromDocument);
    }

    Mono<Void> releaseLease(String appId, CredentialKind kind, String owner) {
        return ById.update(
                        credentials,
                        Credential.id(appId, kind),
                        Filters.eq("lease.owner", owner),
                        Updates.unset("lease"))
                .then();
    }

    /** Every credential of the account comes due now (its account was resumed). */
    Mono<Void> dueNow(String appId, Instant now) {
        return Mono.from(credentials.updateMany(
                        Filters.eq("appId", appId),
                        Updates.combine(Updates.set("refreshAt", Date.from(now)), Updates.set("failures", 0))))
                .then();
    }

    /**
     * Replaces only the authorizer refresh token (learned from api_get_authorizer_info after a 61023), while the
     * credential is still at {@code version}; false when it moved on meanwhile.
     */
    Mono<Boolean> storeRefreshToken(String appId, long version, SealedSecret refreshToken) {
        return ById.update(
                credentials,
                Credential.id(appId, CredentialKind.ACCESS_TOKEN),
                Filters.eq("version", version),
                Updates.set("refreshToken", refreshToken.toDocument()));
    }

    /**
     * A (re-)authorization's token and refresh token, in one upsert: replaces whatever is stored for the account as
     * the next version (the first is 1). Returns the version stored.
     */
    Mono<Long> replaceAuthorized(Credential next) {
        Bson update = Updates.combine(
                Updates.set("appId", next.appId()),
                Updates.set("kind", next.kind().name()),
                Updates.inc("version", 1L),
                Updates.set("value", next.value().toDocument()),
                Updates.set("expiresAt", Date.from(next.expiresAt())),
                Updates.set("refreshedAt", Date.from(next.refreshedAt())),
                Updates.set("refreshAt", Date.from(next.refreshAt())),
                Updates.set("failures", 0),
                Updates.set("refreshToken", next.refreshToken().toDocument()),
                Updates.unset("lease"));
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.eq("_id", next.id()),
                        update,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(stored -> ((Number) stored.get("version")).longValue());
    }

    Mono<Void> deleteAll(String appId) {
        return Mono.from(credentials.deleteMany(Filters.eq("appId", appId))).then();
    }

    private static Bson leaseFree(Instant now) {
        return Filters.or(Filters.eq("lease", null), Filters.lt("lease.until", Date.from(now)));
    }

    private static Document toDocument(Credential credential) {
        Document document = new Document("_id", credential.id())
                .append("appId", credential.appId())
                .append("kind", credential.kind().name())
                .append("version", credential.version())
                .append("value", credential.value().toDocument())
                .append("expiresAt", Date.from(credential.expiresAt()))
                .append("refreshedAt", Date.from(credential.refreshedAt()))
                .append("refreshAt", Date.from(credential.refreshAt()))
                .append("failures", 0);
        if (credential.refreshToken() != null) {
            document.append("refreshToken", credential.refreshToken().toDocument());
        }
        return document;
    }

    private static Credential fromDocument(Document d) {
        Document lease = d.get("lease", Document.class);
        return new Credential(
                d.getString("appId"),
                CredentialKind.valueOf(d.getString("kind")),
                ((Number) d.get("version")).longValue(),
                SealedSecret.fromDocument(d.get("value", Document.class)),
                d.getDate("expiresAt").toInstant(),
                d.getDate("refreshedAt").toInstant(),
                d.getDate("refreshAt") == null ? null : d.getDate("refreshAt").toInstant(),
                d.getInteger("failures", 0),
                lease == null
                        ? null
                        : new Credential.Lease(
                                lease.getString("owner"), lease.getDate("until").toInstant()),
                SealedSecret.fromDocument(d.get("refreshToken", Document.class)));
    }
}
