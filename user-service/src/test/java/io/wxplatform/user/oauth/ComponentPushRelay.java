package io.wxplatform.user.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Plays callback-service's part for the sandbox's component pushes (verify tickets, authorizations): verifies and
 * decrypts each one with the component's Token and key and makes it durable on {@code wx.component.v1}, where
 * token-service reads it, before answering {@code success}.
 */
final class ComponentPushRelay implements AutoCloseable {

    private record Keys(String token, String aesKey) {}

    private final HttpServer server;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Keys> components = new ConcurrentHashMap<>();

    ComponentPushRelay() throws IOException {
        producer = new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth/", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    /** The authorization event URL of {@code componentAppId}. */
    String url(String componentAppId, String token, String aesKey) {
        components.put(componentAppId, new Keys(token, aesKey));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/" + componentAppId;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String componentAppId = exchange.getRequestURI().getPath().substring("/auth/".length());
            Keys keys = components.get(componentAppId);
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = 200;
            try {
                String xml = CallbackVerifier.verify(
                                query(exchange.getRequestURI().getRawQuery()),
                                body,
                                keys.token(),
                                List.of(EncodingAesKey.parse(keys.aesKey())),
                                componentAppId)
                        .innerXml();
                ComponentEvent event = ComponentEvent.of(ComponentPushes.parse(xml), Instant.now());
                producer.send(EventRecords.component(event)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                status = 503;
            }
            byte[] answer = (status == 200 ? "success" : "refused").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
