package io.wxplatform.token.secret;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final MongoCollection<Document> components;

    SecretReencryption(SecretBox box, MongoDatabase database) {
        this.box = box;
        this.accounts = database.getCollection("accounts");
        this.credentials = database.getCollection("credentials");
        this.components = database.getCollection("components");
    }

    /** Counts per collection; {@code failed} holds document ids (appIds, never secrets). */
    public record Report(
            long accountsResealed,
            long credentialsResealed,
            long raced,
            List<String> failed,
            long componentsResealed) {}

    public Mono<Report> reencryptAll() {
        Mono<List<Outcome>> accountOutcomes = Flux.from(accounts.find(Filters.exists("secrets")))
                .filter(this::hasStaleAccountSecret)
                .flatMap(this::resealAccount, CONCURRENCY)
                .collectList();
        Mono<List<Outcome>> credentialOutcomes = Flux.from(credentials.find(Filters.exists("value.kid")))
                .filter(d -> isStale(d.get("value", Document.class)) || isStale(d.get("refreshToken", Document.class)))
                .flatMap(this::resealCredential, CONCURRENCY)
                .collectList();
        Mono<List<Outcome>> componentOutcomes = Flux.from(components.find())
                .filter(d -> componentFields(d).values().stream().anyMatch(this::isStale))
                .flatMap(this::resealComponent, CONCURRENCY)
                .collectList();
        return Mono.zip(accountOutcomes, credentialOutcomes, componentOutcomes).map(all -> {
            Report report = report(all.getT1(), all.getT2(), all.getT3());
            log.info(
                    "Re-encryption under key '{}': {} accounts, {} credentials and {} components re-sealed, {} "
                            + "changed meanwhile, {} could not be opened",
                    box.activeKid(),
                    report.accountsResealed(),
                    report.credentialsResealed(),
                    report.componentsResealed(),
                    report.raced(),
                    report.failed().size());
            if (!report.failed().isEmpty()) {
                log.warn("Left as they are (unknown key id or damaged envelope): {}", report.failed());
            }
            return report;
        });
    }

    private boolean hasStaleAccountSecret(Document account) {
        return sealedFields(account).values().stream().anyMatch(this::isStale);
    }

    private boolean isStale(Document stored) {
        return stored != null && !box.activeKid().equals(stored.getString("kid"));
    }

    private Mono<Outcome> resealAccount(Document account) {
        String appId = account.getString("_id");
        List<Bson> conditions = new ArrayList<>();
        List<Bson> updates = new ArrayList<>();
        conditions.add(Filters.eq("_id", appId));
        try {
            sealedFields(account).forEach((field, stored) -> {
                if (isStale(stored)) {
                    String path = "secrets." + field;
                    SealedSecret resealed = reseal(SealedSecret.fromDocument(stored), appId + "|" + field);
                    conditions.add(Filters.eq(path + ".ct", stored.get("ct")));
                    updates.add(Updates.set(path, resealed.toDocument()));
                }
            });
        } catch (IllegalStateException e) {
            return Mono.just(Outcome.failed("accounts/" + appId));
        }
        return Mono.from(accounts.updateOne(Filters.and(conditions), Updates.combine(updates)))
                .map(result -> result.getMatchedCount() == 1 ? Outcome.ACCOUNT : Outcome.RACED);
    }

    /** The value and, for component accounts, the authorizer refresh token (context {@code <id>|refreshToken}). */
    private Mono<Outcome> resealCredential(Document credential) {
        String id = credential.getString("_id");
        List<Bson> conditions =
                new ArrayList<>(List.of(Filters.eq("_id", id), Filters.eq("version", credential.get("version"))));
        List<Bson> updates = new ArrayList<>();
        try {
            for (Map.Entry<String, String> field :
                    Map.of("value", id, "refreshToken", id + "|refreshToken").entrySet()) {
                Document stored = credential.get(field.getKey(), Document.class);
                if (isStale(stored)) {
                    conditions.add(Filters.eq(field.getKey() + ".ct", stored.get("ct")));
                    updates.add(Updates.set(
                            field.getKey(),
                            reseal(SealedSecret.fromDocument(stored), field.getValue())
                                    .toDocument()));
                }
            }
        } catch (IllegalStateException e) {
            return Mono.just(Outcome.failed("credentials/" + id));
        }
        return Mono.from(credentials.updateOne(Filters.and(conditions), Updates.combine(updates)))
                .map(result -> result.getMatchedCount() == 1 ? Outcome.CREDENTIAL : Outcome.RACED);
    }

    /** A component's secrets and its verify ticket (context {@code component|<appid>|<field>}). */
    private Mono<Outcome> resealComponent(Document component) {
        String id = component.getString("_id");
        List<Bson> conditions = new ArrayList<>(List.of(Filters.eq("_id", id)));
        List<Bson> updates = new ArrayList<>();
        try {
            componentFields(component).forEach((path, stored) -> {
                if (isStale(stored)) {
                    String field = path.equals("ticket.value") ? "ticket" : path;
                    conditions.add(Filters.eq(path + ".ct", stored.get("ct")));
                    updates.add(Updates.set(
                            path,
                            reseal(SealedSecret.fromDocument(stored), "component|" + id + "|" + field)
                                    .toDocument()));
                }
            });
        } catch (IllegalStateException e) {
            return Mono.just(Outcome.failed("components/" + id));
        }
        return Mono.from(components.updateOne(Filters.and(conditions), Updates.combine(updates)))
                .map(result -> result.getMatchedCount() == 1 ? Outcome.COMPONENT : Outcome.RACED);
    }

    private static Map<String, Document> componentFields(Document component) {
        Map<String, Document> fields = new LinkedHashMap<>();
        for (String field : List.of("appSecret", "token", "encodingAesKey", "previousEncodingAesKey")) {
            Document stored = component.get(field, Document.class);
            if (stored != null) {
                fields.put(field, stored);
            }
        }
        Document ticket = component.get("ticket", Document.class);
        if (ticket != null && ticket.get("value", Document.class) != null) {
            fields.put("ticket.value", ticket.get("value", Document.class));
        }
        return fields;
    }

    private SealedSecret reseal(SealedSecret stored, String context) {
        return box.seal(box.open(stored, context), context);
    }

    /** The envelopes under {@code secrets}, by field name (whatever fields the account mode adds). */
    private static Map<String, Document> sealedFields(Document account) {
        Document secrets = account.get("secrets", Document.class);
        Map<String, Document> fields = new LinkedHashMap<>();
        if (secrets != null) {
            secrets.forEach((field, value) -> {
                if (value instanceof Document stored && stored.get("ct") instanceof Binary) {
                    fields.put(field, stored);
                }
            });
        }
        return fields;
    }

    private static Report report(
            List<Outcome> accountOutcomes, List<Outcome> credentialOutcomes, List<Outcome> componentOutcomes) {
        List<Outcome> all = new ArrayList<>(accountOutcomes);
        all.addAll(credentialOutcomes);
        all.addAll(componentOutcomes);
        return new Report(
                all.stream().filter(o -> o == Outcome.ACCOUNT).count(),
                all.stream().filter(o -> o == Outcome.CREDENTIAL).count(),
                all.stream().filter(o -> o == Outcome.RACED).count(),
                all.stream()
                        .map(Outcome::failedId)
                        .filter(Objects::nonNull)
                        .sorted()
                        .toList(),
                all.stream().filter(o -> o == Outcome.COMPONENT).count());
    }

    private record Outcome(String kind, String failedId) {
        static final Outcome ACCOUNT = new Outcome("account", null);
        static final Outcome CREDENTIAL = new Outcome("credential", null);
        static final Outcome COMPONENT = new Outcome("component", null);
        static final Outcome RACED = new Outcome("raced", null);

        static Outcome failed(String id) {
            return new Outcome("failed", id);
        }
    }
}
