package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.process.ServiceProcess;
import io.wxplatform.testkit.process.Spec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One follower's message, delivered by the sandbox (as WeChat) to a real callback-service process with tracing on,
 * makes one trace: callback-service's span is the parent of the {@code traceparent} on the wx.inbound.v1 record,
 * messaging-service (here, spans in memory) handles that record in a consumer span of the same trace, and the
 * customer-service message its reply rule sends to WeChat is a client span of that trace too, under the consumer
 * span, without the token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=100ms"
        })
@DirtiesContext // its consumer must not compete with the one of another test context
class CallbackTraceIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SEND_PATH = "/cgi-bin/message/custom/send";

    private static ServiceProcess callbackService;

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    @TestConfiguration
    static class Spans {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    @BeforeAll
    static void startCallbackService() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT, Topics.REPLY_RULES);
        callbackService = ServiceProcess.start(Spec.of(
                "callback-service",
                Map.of(
                        "spring.kafka.bootstrap-servers",
                        TestInfrastructure.kafkaBootstrapServers(),
                        "wxplatform.mongodb.uri",
                        TestInfrastructure.mongoUri(),
                        "wxplatform.mongodb.database",
                        "wx_callback_trace_it",
                        "wxplatform.token-service.url",
                        RealDependencies.tokenServiceUrl(),
                        "wxplatform.internal.auth-token",
                        RealDependencies.INTERNAL_AUTH_TOKEN,
                        "management.tracing.sampling.probability",
                        "1.0")));
    }

    @AfterAll
    static void stopCallbackService() {
        if (callbackService != null) {
            callbackService.close();
        }
    }

    @Test
    void aCallbackMakesOneTraceFromCallbackServiceThroughKafkaToTheWeChatCall() {
        TestAccount account = TestAccount.register();
        account.awaitKnownBy(account.adminClient("http://localhost:" + port));
        String openId = "o-traced";
        String key = account.appId() + "|" + openId;
        WebTestClient sandbox = TestAccount.client(RealDependencies.sandboxUrl());

        // The follower's "hello" is answered by a customer-service message: no passive reply, a send after the event.
        account.adminClient("http://localhost:" + port)
                .post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/rules", account.tenantId(), account.appId())
                .bodyValue(Map.of(
                        "trigger",
                        Map.of("type", "KEYWORD_EXACT", "keyword", "hello"),
                        "reply",
                        Map.of("type", "TEXT", "content", "Hello, how can we help?"),
                        "delivery",
                        "CUSTOMER_SERVICE"))
                .exchange()
                .expectStatus()
                .isCreated();

        ConsumerRecord<String, byte[]> record;
        try (KafkaProbe inbound = KafkaProbe.on(Topics.INBOUND)) {
            sandbox.post()
                    .uri("/sandbox/accounts/{a}/followers/{o}/messages", account.appId(), openId)
                    .bodyValue(Map.of(
                            "msgType",
                            "text",
                            "content",
                            "hello",
                            "targets",
                            List.of(callbackService.baseUrl() + "/wx/" + account.appId() + "/callback")))
                    .exchange()
                    .expectStatus()
                    .isOk();
            record =
                    inbound.awaitMatching(r -> key.equals(r.key()), 1, DEADLINE).get(0);
        }
        // W3C: 00-<trace id>-<parent span id>-<flags>; the parent is callback-service's producer span.
        String[] traceparent = header(record, "traceparent").split("-");
        String traceId = traceparent[1];
        String callbackServiceSpan = traceparent[2];
        assertThat(traceparent[3]).isEqualTo("01");

        SpanData send = await().atMost(DEADLINE)
                .until(
                        () -> spans.getFinishedSpanItems().stream()
                                .filter(span -> span.getKind() == SpanKind.CLIENT)
                                .filter(span -> span.getName().endsWith(SEND_PATH))
                                .filter(span -> span.getTraceId().equals(traceId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();

        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
        SpanData consumer = trace.stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .filter(span -> span.getParentSpanContext().isRemote())
                .findFirst()
                .orElseThrow();
        assertThat(consumer.getParentSpanId()).isEqualTo(callbackServiceSpan);
        assertThat(ancestors(send, trace)).contains(consumer.getSpanId());
        // The token-bearing query never reaches a span.
        assertThat(send.getAttributes().asMap().values())
                .noneMatch(value -> value.toString().contains("token="));
        Conversation conversation = new Conversation(account, account.adminClient("http://localhost:" + port), sandbox);
        assertThat(conversation.customerService(openId))
                .singleElement()
                .satisfies(message -> assertThat(message).containsEntry("content", "Hello, how can we help?"));
    }

    private static Set<String> ancestors(SpanData span, List<SpanData> trace) {
        Map<String, String> parents =
                trace.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getParentSpanId, (a, b) -> a));
        Set<String> ancestors = new HashSet<>();
        for (String id = span.getParentSpanId(); parents.containsKey(id) && ancestors.add(id); id = parents.get(id)) {
            // walks up to the first span recorded elsewhere
        }
        return ancestors;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
