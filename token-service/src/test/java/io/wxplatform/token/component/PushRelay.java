package io.wxplatform.token.component;

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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Plays callback-service's part for component pushes: the sandbox's authorization event URL, which verifies and
 * decrypts each push (the component's Token, key and appid) and makes it durable on {@code wx.component.v1} before
 * answering {@code success}. Also publishes hand-made pushes (a late or repeated one).
 */
final class PushRelay implements AutoCloseable {

    private record Keys(String token, String aesKey) {}

    private final HttpServer server;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Keys> components = new ConcurrentHashMap<>();
    private final List<ComponentEvent> published = new CopyOnWriteArrayList<>();

    PushRelay() throws IOException {
        producer = new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth/", this::receive);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The authorization event URL of {@code componentAppId}. */
    String url(String componentAppId, String token, String aesKey) {
        components.put(componentAppId, new Keys(token, aesKey));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/" + componentAppId;
    }

    /** Publishes a push as callback-service would have, waiting for Kafka's ack; returns its event id. */
    String publish(Map<String, String> fields) {
        ComponentEvent event = ComponentEvent.of(ComponentPushes.fromFields(fields), Instant.now());
        try {
            producer.send(EventRecords.component(event)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        published.add(event);
        return event.eventId();
    }

    /** The event id of the first {@code infoType} push about {@code authorizerAppId} made durable so far. */
    Optional<String> publishedFor(String authorizerAppId, String infoType) {
        return published.stream()
                .filter(event -> authorizerAppId.equals(event.authorizerAppId()) && infoType.equals(event.infoType()))
                .map(ComponentEvent::eventId)
                .findFirst();
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
                publish(ComponentPushes.parse(xml).fields());
            } catch (RuntimeException e) {
                status = 403;
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
