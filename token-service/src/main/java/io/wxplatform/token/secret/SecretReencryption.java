package io.wxplatform.token.secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Re-seals every secret at rest that is not under the active master key: the sealed fields of {@code accounts}
 * ({@code secrets.<field>}, context {@code appId|field}) and the values of {@code credentials} (context
 * {@code _id}). Each document is rewritten by one update conditioned on the ciphertexts it read (and a credential's
 * version), so a refresh that lands meanwhile is never overwritten; such a document counts as {@code raced} and a
 * second run picks it up if it is still under an old key. A document that does not open (e.g. its key id is no
 * longer configured) is left as it is and reported by id.
 */
@Component
public class SecretReencryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReencryption.class);
    private static final int CONCURRENCY = 8;

    private final SecretBox box;
    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> credentials;

    SecretReencryption(SecretBox box, MongoDatabase database) {
        this.box = box;
        this.accounts = database.getCollection("accounts");
        this.credentials = database.getCollection("credentials");
    }

    /** Counts per collection; {@code failed} holds document ids (appIds, never secrets). */
    public record Report(long accountsResealed, long credentialsResealed, long raced, List<String> failed) {
    }

    public Mono<Report> reencryptAll() {
        Mono<List<Outcome>> accountOutcomes = Flux.from(accounts.find(Filters.exists("secrets")))
                .filter(this::hasStaleAccountSecret)
                .flatMap(this::resealAccount, CONCURRENCY)
                .collectList();
        Mono<List<Outcome>> credentialOutcomes = Flux.from(credentials.find(Filters.exists("value.kid")))
                .filter(d -> isStale(d.get("value", Document.class)))
                .flatMap(this::resealCredential, CONCURRENCY)
                .collectList();
        return Mono.zip(accountOutcomes, credentialOutcomes).map(both -> {
            Report report = report(both.getT1(), both.getT2());
            log.info("Re-encryption under key '{}': {} accounts and {} credentials re-sealed, {} changed meanwhile, "
                    + "{} could not be opened", box.activeKid(), report.accountsResealed(),
                    report.credentialsResealed(), report.raced(), report.failed().size());
            if (!report.failed().isEmpty()) {
                log.warn("Left as they are (unknown key id or damaged envelope): {}", report.failed());
            }
            return report;
        });
    }

    private boolean hasStaleAccountSecret(Document account) {
        return sealedFields(account).values().stream().anyMatch(this::isStale);
    }

    private boolean isStale(Document sealed) {
        return sealed != null && !box.activeKid().equals(sealed.getString("kid"));
    }

    private Mono<Outcome> resealAccount(Document account) {
        String appId = account.getString("_id");
        List<Bson> conditions = new ArrayList<>();
        List<Bson> updates = new ArrayList<>();
        conditions.add(Filters.eq("_id", appId));
        try {
            sealedFields(account).forEach((field, sealed) -> {
                if (isStale(sealed)) {
                    String path = "secrets." + field;
                    SealedSecret resealed = reseal(SealedSecret.fromDocument(sealed), appId + "|" + field);
                    conditions.add(Filters.eq(path + ".ct", sealed.get("ct")));
                    updates.add(Updates.set(path, resealed.toDocument()));
                }
            });
        } catch (IllegalStateException e) {
            return Mono.just(Outcome.failed("accounts/" + appId));
        }
        return Mono.from(accounts.updateOne(Filters.and(conditions), Updates.combine(updates)))
                .map(result -> result.getMatchedCount() == 1 ? Outcome.ACCOUNT : Outcome.RACED);
    }

    private Mono<Outcome> resealCredential(Document credential) {
        String id = credential.getString("_id");
        Document sealed = credential.get("value", Document.class);
        SealedSecret resealed;
        try {
            resealed = reseal(SealedSecret.fromDocument(sealed), id);
        } catch (IllegalStateException e) {
            return Mono.just(Outcome.failed("credentials/" + id));
        }
        Bson condition = Filters.and(Filters.eq("_id", id), Filters.eq("version", credential.get("version")),
                Filters.eq("value.ct", sealed.get("ct")));
        return Mono.from(credentials.updateOne(condition, Updates.set("value", resealed.toDocument())))
                .map(result -> result.getMatchedCount() == 1 ? Outcome.CREDENTIAL : Outcome.RACED);
    }

    private SealedSecret reseal(SealedSecret sealed, String context) {
        return box.seal(box.open(sealed, context), context);
    }

    /** The envelopes under {@code secrets}, by field name (whatever fields the account mode adds). */
    private static Map<String, Document> sealedFields(Document account) {
        Document secrets = account.get("secrets", Document.class);
        Map<String, Document> fields = new LinkedHashMap<>();
        if (secrets != null) {
            secrets.forEach((field, value) -> {
                if (value instanceof Document sealed && sealed.get("ct") instanceof Binary) {
                    fields.put(field, sealed);
                }
            });
        }
        return fields;
    }

    private static Report report(List<Outcome> accountOutcomes, List<Outcome> credentialOutcomes) {
        List<Outcome> all = new ArrayList<>(accountOutcomes);
        all.addAll(credentialOutcomes);
        return new Report(
                all.stream().filter(o -> o == Outcome.ACCOUNT).count(),
                all.stream().filter(o -> o == Outcome.CREDENTIAL).count(),
                all.stream().filter(o -> o == Outcome.RACED).count(),
                all.stream().map(Outcome::failedId).filter(Objects::nonNull).sorted().toList());
    }

    private record Outcome(String kind, String failedId) {
        static final Outcome ACCOUNT = new Outcome("account", null);
        static final Outcome CREDENTIAL = new Outcome("credential", null);
        static final Outcome RACED = new Outcome("raced", null);

        static Outcome failed(String id) {
            return new Outcome("failed", id);
        }
    }
}
