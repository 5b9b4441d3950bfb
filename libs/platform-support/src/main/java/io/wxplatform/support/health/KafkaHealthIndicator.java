package io.wxplatform.support.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/** Kafka is up when the cluster answers a metadata request with at least one broker. */
public class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

    private final Admin admin;

    KafkaHealthIndicator(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Mono<Health> health() {
        var cluster = admin.describeCluster(
                new DescribeClusterOptions().timeoutMs((int) DependencyHealthAutoConfiguration.TIMEOUT.toMillis()));
        return Mono.fromFuture(cluster.nodes().toCompletionStage().toCompletableFuture())
                .map(nodes -> nodes.isEmpty()
                        ? Health.down().build()
                        : Health.up().withDetail("brokers", nodes.size()).build())
                .timeout(DependencyHealthAutoConfiguration.TIMEOUT.plusSeconds(1))
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("error", error.getClass().getSimpleName())
                        .build()));
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
