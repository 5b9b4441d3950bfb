package io.wxplatform.support.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import java.util.List;
import org.bson.UuidRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** A reactive MongoDB client and this service's database, for services that set {@code wxplatform.mongodb.database}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "wxplatform.mongodb", name = "database")
@EnableConfigurationProperties(MongoProperties.class)
public class PlatformMongoAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MongoClient wxplatformMongoClient(
            MongoProperties properties, @Value("${spring.application.name:wxplatform}") String applicationName) {
        // No serverApi: mongo-java-server and older servers refuse it, and we use no versioned-API-only feature.
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.uri()))
                .applicationName(applicationName)
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase wxplatformMongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database());
    }

    @Bean
    public IndexInitializer wxplatformIndexInitializer(
            MongoDatabase database, MongoProperties properties, ObjectProvider<Indexes> indexes) {
        return new IndexInitializer(
                database, List.copyOf(indexes.orderedStream().toList()), properties.indexTimeout());
    }
}
