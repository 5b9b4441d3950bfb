package io.wxplatform.tokenclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.TokenRotated;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The listener against the test kit's real Kafka broker, with the real-HTTP stand-in for token-service. */
class TokenRotationListenerIT {

    private static final String APP_ID = "wx00000000rotation";
    private static final Instant EXPIRES_AT = Instant.now().plus(Duration.ofHours(2));

    private final FakeTokenService tokenService = new FakeTokenService(EXPIRES_AT);
    private final TokenClient client = new TokenClient(
            WebClient.builder(), URI.create(tokenService.baseUrl()), FakeTokenService.AUTH, Clock.systemUTC());

    @AfterEach
    void stop() {
        tokenService.close();
    }

    @Test
    void aRotationNoticeOnKafkaMakesTheNextCallLoadTheNewVersion() {
        KafkaProbe.createTopics(Topics.TOKEN);
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (TokenRotationListener listener = TokenRotationListener.start(client, bootstrap, "it");
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaDefaults.producer(bootstrap))) {
            await().atMost(Duration.ofSeconds(30)).until(listener::isAssigned);
            assertThat(client.accessToken(APP_ID).block(Duration.ofSeconds(5)).version())
                    .isEqualTo(1);

            long next = tokenService.rotate();
            producer.send(EventRecords.token(
                    new TokenRotated(APP_ID, TokenRotated.JSAPI_TICKET, 9, EXPIRES_AT), Instant.now()));
            producer.send(EventRecords.token(
                    new TokenRotated(APP_ID, TokenRotated.ACCESS_TOKEN, next, EXPIRES_AT), Instant.now()));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(client.accessToken(APP_ID)
                                    .block(Duration.ofSeconds(5))
                                    .version())
                            .isEqualTo(2));
            assertThat(tokenService.tokenRequests()).isEqualTo(2);
        }
    }
}
