package io.wxplatform.messaging;

import static io.wxplatform.messaging.Conversation.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A send accepted by one messaging-service that stops before attempting it is sent by the next one, exactly once.
 * The first instance paces the account to one send per 50 s, so its second send is stored and waits.
 */
class SendResumeIT {

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @Test
    void aSendAcceptedBeforeARestartIsSentOnceAfterIt() {
        TestAccount account;
        Conversation before;
        String waiting;
        try (ConfigurableApplicationContext first =
                start(Map.of("wxplatform.messaging.send.per-account-rate", "0.02"))) {
            account = TestAccount.register();
            before = Conversation.with(account, port(first));
            before.followerWrites("o-ray", "hello");
            String sent =
                    (String) before.sendAccepted(text("o-ray", "first answer")).get("id");
            before.awaitStatus(sent, "SENT");
            waiting =
                    (String) before.sendAccepted(text("o-ray", "second answer")).get("id");

            assertThat(before.status(waiting))
                    .containsEntry("status", "ACCEPTED")
                    .containsEntry("attempts", 0);
        }

        try (ConfigurableApplicationContext second = start(Map.of())) {
            Conversation after = new Conversation(
                    account, account.adminClient("http://localhost:" + port(second)), before.sandbox());

            assertThat(after.awaitStatus(waiting, "SENT")).containsEntry("attempts", 1);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> after.customerServiceCalls().size() == 2);
            assertThat(after.customerService("o-ray"))
                    .extracting(entry -> entry.get("content"))
                    .containsExactly("first answer", "second answer");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        properties.put("wxplatform.mongodb.uri", TestInfrastructure.mongoUri());
        properties.put("wxplatform.mongodb.database", "wx_messaging_send_resume_it");
        properties.put("wxplatform.inbound.group-id", "messaging-service-send-resume-it");
        properties.put("wxplatform.wechat.base-url", RealDependencies.sandboxUrl());
        properties.put("wxplatform.token-service.url", RealDependencies.tokenServiceUrl());
        properties.put("wxplatform.internal.auth-token", RealDependencies.INTERNAL_AUTH_TOKEN);
        properties.putAll(overrides);
        // As command-line arguments: they outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(MessagingServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
