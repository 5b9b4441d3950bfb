package io.wxplatform.support.mongo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MongoDB connection of one service.
 *
 * @param uri          connection string; each service shares the server but not the database
 * @param database     this service's own database; required, so no service writes into another's by accident
 * @param indexTimeout how long start-up may wait for index creation before it fails
 */
@ConfigurationProperties("wxplatform.mongodb")
public record MongoProperties(
        @DefaultValue("mongodb://localhost:27017") String uri,
        String database,
        @DefaultValue("30s") Duration indexTimeout) {

    public MongoProperties {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("wxplatform.mongodb.database must name this service's database");
        }
    }
}
