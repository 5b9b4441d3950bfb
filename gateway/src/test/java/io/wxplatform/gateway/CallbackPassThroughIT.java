package io.wxplatform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.wxplatform.gateway.CallbackPassThroughIT.CallbackServiceStandIn.Seen;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /wx/**} pass-through (callbacks.CallbackPassThrough) against a real HTTP server standing in for
 * callback-service, called by a raw HTTP client so that any header and any body framing can be sent.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.gateway.timeouts.callback-service.response-ms=400",
            "wxplatform.gateway.callbacks.down-pause=2s"
        })
class CallbackPassThroughIT {

    static final int LIMIT = 64 * 1024;
    static final String CALLBACK = "/wx/wx1/callback?signature=s&timestamp=1&nonce=n&encrypt_type=aes";
    static final CallbackServiceStandIn UPSTREAM = new CallbackServiceStandIn(freePort());

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        Edge.configure(registry, List.of());
        registry.add("wxplatform.callback-service.url", UPSTREAM::url);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    HttpClient client;

    @BeforeEach
    void setUp() {
        client = HttpClient.create().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10));
        UPSTREAM.start();
        UPSTREAM.seen.clear();
    }

    @Test
    void methodPathQueryAndBodyReachCallbackServiceAndItsAnswerComesBackUnchanged() {
        String body = "<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>";
        Answer answer = relayed(body, headers -> headers.set("Content-Type", "text/xml"));

        assertThat(answer.header("Content-Type")).isEqualTo("text/xml;charset=utf-8");
        assertThat(UPSTREAM.seen).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.uri()).isEqualTo(CALLBACK);
            assertThat(seen.body()).isEqualTo(body);
            assertThat(seen.header("Content-Type")).isEqualTo("text/xml");
        });
    }

    @Test
    void callbacksOneAfterAnotherShareOneKeptAliveConnectionToCallbackService() {
        // One connection to the edge, as WeChat's kept-alive one would be: every callback lands on its event loop.
        ConnectionProvider one = ConnectionProvider.create("one-connection", 1);
        try {
            client = HttpClient.create(one).baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(10));
            post(CALLBACK, headers -> {}, "<xml>first</xml>");
            int opened = UPSTREAM.accepted.get();

            for (int i = 0; i < 10; i++) {
                assertThat(post(CALLBACK, headers -> {}, "<xml>" + i + "</xml>").status())
                        .isEqualTo(200);
            }

            assertThat(UPSTREAM.seen).hasSize(11);
            assertThat(UPSTREAM.accepted).hasValue(opened);
        } finally {
            one.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void pipelinedCallbacksAreEachRelayedAndAnsweredInOrder() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder requests = new StringBuilder();
            for (String body : List.of("<xml>one</xml>", "<xml>two</xml>", "<xml>three</xml>")) {
                requests.append("POST ")
                        .append(CALLBACK)
                        .append(" HTTP/1.1\r\nHost: edge\r\nContent-Type: text/xml\r\nContent-Length: ")
                        .append(body.length())
                        .append("\r\n\r\n")
                        .append(body);
            }
            // All three in one write: the edge reads the second and third while the first is with callback-service.
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));

            InputStream answers = socket.getInputStream();
            assertThat(bodyOf(answers)).isEqualTo("reply:<xml>one</xml>");
            assertThat(bodyOf(answers)).isEqualTo("reply:<xml>two</xml>");
            assertThat(bodyOf(answers)).isEqualTo("reply:<xml>three</xml>");
        }
        assertThat(UPSTREAM.seen)
                .extracting(Seen::body)
                .containsExactly("<xml>one</xml>", "<xml>two</xml>", "<xml>three</xml>");
    }

    @Test
    void aCallbackThatExpectsContinueIsRelayedByThePassThroughBehindReactorNetty() {
        String body = "<xml><Encrypt><![CDATA[continue]]></Encrypt></xml>";
        relayed(body, headers -> headers.set("Expect", "100-continue"));

        assertThat(UPSTREAM.seen).singleElement().satisfies(seen -> {
            assertThat(seen.body()).isEqualTo(body);
            assertThat(seen.header("Expect")).isNull();
        });
    }

    @Test
    void aChunkedBodyUnderTheLimitIsStreamedThroughIntact() {
        byte[] chunk = "y".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        Answer answer = send(
                "POST",
                CALLBACK,
                headers -> headers.set("Transfer-Encoding", "chunked"),
                Flux.range(0, 4).map(i -> Unpooled.wrappedBuffer(chunk)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(UPSTREAM.seen).singleElement().satisfies(seen -> {
            assertThat(seen.body()).hasSize(LIMIT);
            assertThat(seen.header("Transfer-Encoding")).isEqualTo("chunked");
        });
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedBeforeCallbackServiceSeesIt() {
        Answer answer = post(CALLBACK, headers -> {}, "x".repeat(LIMIT + 1));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("code").asString()).isEqualTo("CONTENT_TOO_LARGE");
        assertThat(UPSTREAM.seen).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> count("too_large", "4xx") > 0);
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIsRefusedWhileStreamingAndNeverDelivered() {
        byte[] chunk = "z".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        double before = count("too_large", "4xx");
        Answer answer = send(
                "POST",
                CALLBACK,
                headers -> headers.set("Transfer-Encoding", "chunked"),
                Flux.range(0, 5).map(i -> Unpooled.wrappedBuffer(chunk)));

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("code").asString()).isEqualTo("CONTENT_TOO_LARGE");
        await().atMost(Duration.ofSeconds(5)).until(() -> count("too_large", "4xx") == before + 1);
        // callback-service got at most a cut-off request, never a complete callback.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(UPSTREAM.seen::isEmpty);
    }

    @Test
    void hopByHopAndInternalHeadersStopAtTheEdgeBothWays() {
        Answer answer = post(
                CALLBACK,
                headers -> headers.set("Connection", "keep-alive, X-Client-Hop")
                        .set("X-Client-Hop", "1")
                        .set("Keep-Alive", "timeout=5")
                        .set("Proxy-Connection", "keep-alive")
                        .set("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                        .set("TE", "trailers")
                        .set("Trailer", "X-Checksum")
                        .set("X-Wx-Internal-Caller", "token-service")
                        .set("X-Wx-Internal-Tenant-Id", "t2")
                        .set("X-Tenant-Id", "t2")
                        .set("User-Agent", "Mozilla/4.0")
                        .set("Accept", "*/*"),
                "<xml/>");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(UPSTREAM.seen).singleElement().satisfies(seen -> {
            for (String dropped : List.of(
                    "X-Client-Hop",
                    "Keep-Alive",
                    "Proxy-Connection",
                    "Proxy-Authorization",
                    "TE",
                    "Trailer",
                    "X-Tenant-Id")) {
                assertThat(seen.header(dropped)).as(dropped).isNull();
            }
            assertThat(seen.header("Connection")).isNotEqualTo("keep-alive, X-Client-Hop");
            assertThat(seen.headers().keySet())
                    .noneMatch(name -> name.toLowerCase().startsWith("x-wx-internal-"));
            assertThat(seen.header("User-Agent")).isEqualTo("Mozilla/4.0");
            assertThat(seen.header("Accept")).isEqualTo("*/*");
        });
        // And callback-service's own hop-by-hop headers do not reach the caller; its others do.
        assertThat(answer.header("X-Upstream-Hop")).isNull();
        assertThat(answer.header("Keep-Alive")).isNull();
        assertThat(answer.header("Proxy-Authenticate")).isNull();
        assertThat(answer.header("X-Upstream-End")).isEqualTo("kept");
    }

    @Test
    void xForwardedHeadersNameTheCallerAndAppendToAProxyInFront() {
        post(CALLBACK, headers -> {}, "<xml/>");
        post(
                CALLBACK,
                headers -> headers.set("X-Forwarded-For", "203.0.113.9").set("X-Forwarded-Proto", "https"),
                "<xml/>");

        assertThat(UPSTREAM.seen).hasSize(2);
        CallbackServiceStandIn.Seen direct = UPSTREAM.seen.poll();
        CallbackServiceStandIn.Seen proxied = UPSTREAM.seen.poll();
        assertThat(direct.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(direct.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(direct.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(direct.header("Host")).isEqualTo("127.0.0.1:" + UPSTREAM.port);
        assertThat(proxied.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(proxied.header("X-Forwarded-Proto")).isEqualTo("https, http");
    }

    @Test
    void theRequestIdIsKeptOrMadeAndIsTheSameBothWays() {
        Answer kept = post(CALLBACK, headers -> headers.set("X-Request-Id", "wechat-42"), "<xml/>");
        Answer made = post(CALLBACK, headers -> headers.set("X-Request-Id", "not valid!"), "<xml/>");

        assertThat(kept.header("X-Request-Id")).isEqualTo("wechat-42");
        assertThat(UUID.fromString(made.header("X-Request-Id"))).isNotNull();
        assertThat(UPSTREAM.seen)
                .extracting(seen -> seen.header("X-Request-Id"))
                .containsExactly("wechat-42", made.header("X-Request-Id"));
    }

    @Test
    void pathsThatCouldBeNormalisedDifferentlyAreRefusedAtTheEdge() {
        Answer answer = send("GET", "/wx/%2e%2e/internal/v1/accounts/wx1/access-token", headers -> {}, Flux.empty());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(UPSTREAM.seen).isEmpty();
    }

    @Test
    void aSlowCallbackServiceIsAServiceUnavailableProblemAfterTheResponseTimeoutSoWeChatRetries() {
        double before = count("timeout", "5xx");
        long started = System.nanoTime();
        Answer answer = post("/wx/slow/callback", headers -> headers.set("X-Request-Id", "rid-slow"), "<xml/>");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("X-Request-Id")).isEqualTo("rid-slow");
        assertThat(answer.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("timeout", "5xx") == before + 1);
    }

    @Test
    void whileCallbackServiceIsDownCallbacksAreAnsweredServiceUnavailableAtOnceUntilItIsBack() {
        UPSTREAM.stop();
        double unavailableBefore = count("unavailable", "5xx");
        // Until the edge finds callback-service unreachable (a kept-alive connection may fail on its own first).
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertServiceUnavailable(post(CALLBACK, headers -> {}, "<xml/>"));
            return count("unavailable", "5xx") > unavailableBefore;
        });
        double downBefore = count("upstream_down", "5xx");

        assertServiceUnavailable(post(CALLBACK, headers -> {}, "<xml/>"));
        // This one did not try to connect: the edge remembered that callback-service was unreachable.
        await().atMost(Duration.ofSeconds(5)).until(() -> count("upstream_down", "5xx") == downBefore + 1);

        UPSTREAM.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> post(CALLBACK, headers -> {}, "<xml/>").status() == 200);
    }

    @Test
    void everyOutcomeIsCountedWithALatencyHistogram() {
        double before = count("forwarded", "2xx");
        post(CALLBACK, headers -> {}, "<xml/>");

        Timer forwarded = registry.find("wxplatform.gateway.callbacks")
                .tags("outcome", "forwarded", "status", "2xx")
                .timer();
        assertThat(forwarded).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> forwarded.count() == (long) before + 1);
        assertThat(forwarded.takeSnapshot().histogramCounts()).isNotEmpty();
        assertThat(registry.find("http.server.requests").tag("uri", "/wx/**").timer())
                .isNull();
    }

    private static void assertServiceUnavailable(Answer answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    private double count(String outcome, String status) {
        Timer timer = registry.find("wxplatform.gateway.callbacks")
                .tags("outcome", outcome, "status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    /** Posts a callback that must come back as callback-service answered it. */
    private Answer relayed(String body, Consumer<HttpHeaders> headers) {
        Answer answer = post(CALLBACK, headers, body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("reply:" + body);
        return answer;
    }

    private Answer post(String uri, Consumer<HttpHeaders> headers, String body) {
        return send("POST", uri, headers, Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8))));
    }

    private Answer send(String method, String uri, Consumer<HttpHeaders> headers, Publisher<ByteBuf> body) {
        return client.headers(headers)
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
                .uri(uri)
                .send(body)
                .responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), response.responseHeaders(), text)))
                .block();
    }

    record Answer(int status, HttpHeaders headers, String body) {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The body of the next HTTP/1.1 answer on a raw connection (Content-Length framed, as the edge answers). */
    private static String bodyOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int length = -1;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("Connection closed before an answer");
            }
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String header = line.toString().trim();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        header.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A real HTTP server on a fixed port, which can be stopped and started again: callback-service going down and
     * coming back. It records each complete request and answers "reply:" + its body, with hop-by-hop headers of its
     * own; under {@code /wx/slow/} it answers only after 10 s.
     */
    static final class CallbackServiceStandIn {

        record Seen(String method, String uri, Map<String, List<String>> headers, String body) {

            String header(String name) {
                return headers.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(e -> String.join(", ", e.getValue()))
                        .findFirst()
                        .orElse(null);
            }
        }

        final int port;
        final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        final AtomicInteger accepted = new AtomicInteger();
        private final Queue<Channel> connections = new ConcurrentLinkedQueue<>();
        private DisposableServer server;

        CallbackServiceStandIn(int port) {
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        synchronized void start() {
            if (server != null) {
                return;
            }
            server = HttpServer.create()
                    .host("127.0.0.1")
                    .port(port)
                    .doOnChannelInit((observer, channel, remote) -> {
                        accepted.incrementAndGet();
                        connections.add(channel);
                    })
                    .handle((request, response) -> request.receive()
                            .aggregate()
                            .asString()
                            .defaultIfEmpty("")
                            .flatMap(body -> {
                                Map<String, List<String>> headers = new LinkedHashMap<>();
                                request.requestHeaders()
                                        .forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                                                .add(h.getValue()));
                                seen.add(new Seen(request.method().name(), request.uri(), headers, body));
                                Duration delay =
                                        request.uri().startsWith("/wx/slow/") ? Duration.ofSeconds(10) : Duration.ZERO;
                                return Mono.delay(delay)
                                        .then(response.header("Content-Type", "text/xml;charset=utf-8")
                                                .header("X-Request-Id", "upstream-own-id")
                                                .header("Connection", "X-Upstream-Hop")
                                                .header("X-Upstream-Hop", "1")
                                                .header("Keep-Alive", "timeout=30")
                                                .header("Proxy-Authenticate", "Basic")
                                                .header("X-Upstream-End", "kept")
                                                .sendString(Mono.just("reply:" + body))
                                                .then());
                            }))
                    .bindNow();
        }

        synchronized void stop() {
            if (server != null) {
                server.disposeNow();
                server = null;

                // As a killed process's would be: kept-alive connections end too.
                connections.forEach(channel -> channel.close().syncUninterruptibly());
                connections.clear();
            }
        }
    }
}
