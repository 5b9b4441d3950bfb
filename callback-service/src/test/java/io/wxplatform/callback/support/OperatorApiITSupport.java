package io.wxplatform.callback.support;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * callback-service on a random port with real Kafka and MongoDB, for its operator API. The relay is off, so what a
 * test puts in the outbox stays there; no callback is sent, so token-service is not needed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.callback.outbox.relay-enabled=false",
            "wxplatform.mongodb.database=wx_callback_operator_it",
            "wxplatform.token-service.url=http://127.0.0.1:1"
        })
public abstract class OperatorApiITSupport {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        KafkaProbe.createTopics(Topics.INBOUND, Topics.dlq(Topics.INBOUND), Topics.ACCOUNT, Topics.REPLY_RULES);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** An operator's client. */
    protected WebTestClient operator() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }
}
