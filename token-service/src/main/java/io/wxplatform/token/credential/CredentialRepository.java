package io.wxplatform.token.credential;

import java.time.Instant;
import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.token.MongoErrors;
import io.wxplatform.token.secret.SealedSecret;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Collection {@code credentials}; every change is one conditional single-document write. */
@Repository
class CredentialRepository {

    private final MongoCollection<Document> credentials;

    CredentialRepository(MongoDatabase database) {
        this.credentials = database.getCollection("credentials");
    }

    Mono<Credential> find(String appId, CredentialKind kind) {
        return Mono.from(credentials.find(Filters.eq("_id", Credential.id(appId, kind))).first())
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

    private Mono<Boolean> replace(Credential next, Bson condition) {
        Bson update = Updates.combine(
                Updates.set("version", next.version()),
                Updates.set("value", next.value().toDocument()),
                Updates.set("expiresAt", Date.from(next.expiresAt())),
                Updates.set("refreshedAt", Date.from(next.refreshedAt())),
                Updates.set("refreshAt", Date.from(next.refreshAt())),
                Updates.set("failures", 0),
                Updates.unset("lease"));
        return Mono.from(credentials.findOneAndUpdate(Filters.and(Filters.eq("_id", next.id()), condition), update,
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .hasElement();
    }

    /**
     * Takes the lease on the most overdue credential whose {@code refreshAt} has come and whose lease is free or
     * expired (its holder died or hangs); empty when none is due.
     */
    Mono<Credential> claimDue(String owner, Instant now, Instant until) {
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.and(Filters.lte("refreshAt", Date.from(now)), leaseFree(now)),
                        Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending("refreshAt"))
                                .returnDocument(ReturnDocument.AFTER)))
                .map(CredentialRepository::fromDocument);
    }

    /** After a failed refresh: try again at {@code retryAt} and release the lease (if still ours). */
    Mono<Void> retryLater(Credential credential, String owner, int failures, Instant retryAt) {
        return Mono.from(credentials.updateOne(
                Filters.and(Filters.eq("_id", credential.id()), Filters.eq("lease.owner", owner)),
                Updates.combine(Updates.set("refreshAt", Date.from(retryAt)), Updates.set("failures", failures),
                        Updates.unset("lease")))).then();
    }

    /** Stops scheduled refreshes of the credential (its account is not ACTIVE) and releases the lease. */
    Mono<Void> park(Credential credential, String owner) {
        return Mono.from(credentials.updateOne(
                Filters.and(Filters.eq("_id", credential.id()), Filters.eq("lease.owner", owner)),
                Updates.combine(Updates.unset("refreshAt"), Updates.unset("lease")))).then();
    }

    /** Takes the lease on {@code version} if nobody holds an unexpired one; false otherwise. */
    Mono<Boolean> claimLease(String appId, CredentialKind kind, long version, String owner, Instant now,
            Instant until) {
        return Mono.from(credentials.findOneAndUpdate(
                        Filters.and(Filters.eq("_id", Credential.id(appId, kind)), Filters.eq("version", version),
                                leaseFree(now)),
                        Updates.set("lease", new Document("owner", owner).append("until", Date.from(until))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .hasElement();
    }

    Mono<Void> releaseLease(String appId, CredentialKind kind, String owner) {
        return Mono.from(credentials.updateOne(
                Filters.and(Filters.eq("_id", Credential.id(appId, kind)), Filters.eq("lease.owner", owner)),
                Updates.unset("lease"))).then();
    }

    /** Every credential of the account comes due now (its account was resumed). */
    Mono<Void> dueNow(String appId, Instant now) {
        return Mono.from(credentials.updateMany(Filters.eq("appId", appId),
                Updates.combine(Updates.set("refreshAt", Date.from(now)), Updates.set("failures", 0)))).then();
    }

    Mono<Void> deleteAll(String appId) {
        return Mono.from(credentials.deleteMany(Filters.eq("appId", appId))).then();
    }

    private static Bson leaseFree(Instant now) {
        return Filters.or(Filters.eq("lease", null), Filters.lt("lease.until", Date.from(now)));
    }

    private static Document toDocument(Credential credential) {
        return new Document("_id", credential.id())
                .append("appId", credential.appId())
                .append("kind", credential.kind().name())
                .append("version", credential.version())
                .append("value", credential.value().toDocument())
                .append("expiresAt", Date.from(credential.expiresAt()))
                .append("refreshedAt", Date.from(credential.refreshedAt()))
                .append("refreshAt", Date.from(credential.refreshAt()))
                .append("failures", 0);
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
                lease == null ? null : new Credential.Lease(lease.getString("owner"), lease.getDate("until").toInstant()));
    }
}
