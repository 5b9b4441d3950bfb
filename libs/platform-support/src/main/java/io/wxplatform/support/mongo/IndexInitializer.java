package io.wxplatform.support.mongo;

import com.mongodb.reactivestreams.client.MongoDatabase;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import reactor.core.publisher.Flux;

/** Creates every {@link Indexes} bean once the context is built, before the web server and consumers start. */
public class IndexInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);

    private final MongoDatabase database;
    private final List<Indexes> indexes;
    private final Duration timeout;

    public IndexInitializer(MongoDatabase database, List<Indexes> indexes, Duration timeout) {
        this.database = database;
        this.indexes = indexes;
        this.timeout = timeout;
    }

    /**
     * Waits for the indexes on the start-up thread, deliberately: a unique index must exist before the first write,
     * and no event loop runs yet. A failure stops the start-up.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Flux.fromIterable(indexes)
                .concatMap(
                        i -> i.ensure(database).doOnSuccess(done -> log.debug("Indexes of {} ensured", i.collection())))
                .then()
                .block(timeout);
    }
}
