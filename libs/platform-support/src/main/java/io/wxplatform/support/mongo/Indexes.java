package io.wxplatform.support.mongo;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Indexes of one collection. Declare them as beans and they are created at start-up, before the service takes
 * traffic; creating an index that already exists with the same keys and options changes nothing.
 *
 * <pre>{@code
 * @Bean
 * Indexes followerIndexes() {
 *     return Indexes.on("followers", Indexes.unique("appId", "openId"));
 * }
 * }</pre>
 */
public record Indexes(String collection, List<IndexModel> models) {

    public Indexes {
        models = List.copyOf(models);
    }

    public static Indexes on(String collection, IndexModel... models) {
        return new Indexes(collection, Arrays.asList(models));
    }

    public static IndexModel ascending(String... fields) {
        return new IndexModel(keys(fields));
    }

    public static IndexModel unique(String... fields) {
        return new IndexModel(keys(fields), new IndexOptions().unique(true));
    }

    /** Lets MongoDB delete documents once the date in {@code field} has passed; for clean-up, never correctness. */
    public static IndexModel expiringAt(String field) {
        return new IndexModel(new Document(field, 1), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** Creates the indexes; idempotent. */
    public Mono<Void> ensure(MongoDatabase database) {
        if (models.isEmpty()) {
            return Mono.empty();
        }
        return Flux.from(database.getCollection(collection).createIndexes(models))
                .then();
    }

    private static Document keys(String... fields) {
        Document keys = new Document();
        for (String field : fields) {
            keys.append(field, 1);
        }
        return keys;
    }
}
