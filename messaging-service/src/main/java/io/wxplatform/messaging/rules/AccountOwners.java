package io.wxplatform.messaging.rules;

import static com.mongodb.client.model.Filters.eq;

import org.bson.Document;
import org.springframework.stereotype.Repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Mono;

/**
 * The {@code accounts} collection, {@code {_id: appId, tenantId}}: the tenant that created an account's first rule
 * owns the account here from then on. {@code _id} is unique, so a second tenant can never claim the same appId.
 */
@Repository
class AccountOwners {

    static final String COLLECTION = "accounts";

    private final MongoCollection<Document> collection;

    AccountOwners(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    Mono<String> ownerOf(String appId) {
        return Mono.from(collection.find(eq("_id", appId)).first()).mapNotNull(doc -> doc.getString("tenantId"));
    }

    /** True when {@code tenantId} owns the account, claiming it if nobody does yet. */
    Mono<Boolean> claim(String appId, String tenantId) {
        return Mono.from(collection.insertOne(new Document("_id", appId).append("tenantId", tenantId)))
                .thenReturn(true)
                .onErrorResume(AccountOwners::isDuplicateKey,
                        taken -> ownerOf(appId).map(tenantId::equals).defaultIfEmpty(false));
    }

    private static boolean isDuplicateKey(Throwable error) {
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
