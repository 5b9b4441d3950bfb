package io.wxplatform.testkit.auth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The two documents a resource server reads from an issuer: the OpenID discovery document and the JWKS. */
final class IssuerEndpoints {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/jwks";

    private final HttpServer server;

    private IssuerEndpoints(HttpServer server) {
        this.server = server;
    }

    /** Port 0 picks a free port. */
    static IssuerEndpoints start(int port, Map<String, Object> publicJwks) {
        HttpServer server = create(port);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String discovery = JSONObjectUtils.toJSONString(Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + JWKS_PATH,
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "subject_types_supported", List.of("public"),
                "response_types_supported", List.of("token")));
        String jwks = JSONObjectUtils.toJSONString(publicJwks);
        server.createContext(DISCOVERY_PATH, exchange -> answer(exchange, discovery));
        server.createContext(JWKS_PATH, exchange -> answer(exchange, jwks));
        startAsDaemon(server);
        return new IssuerEndpoints(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private static HttpServer create(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the issuer on port " + port, e);
        }
    }

    /** The JDK server's dispatcher thread inherits daemon status from its starter, so it never keeps a JVM alive. */
    private static void startAsDaemon(HttpServer server) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = new Thread(
                () -> {
                    try {
                        server.start();
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                },
                "test-issuer-start");
        starter.setDaemon(true);
        starter.start();
        // The shared issuer starts inside a class initializer: a caller whose interrupt flag an earlier test left set
        // must still get an issuer (else every later use fails with NoClassDefFoundError), so wait uninterruptibly
        // and hand the flag back.
        boolean interrupted = false;
        while (starter.isAlive()) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
