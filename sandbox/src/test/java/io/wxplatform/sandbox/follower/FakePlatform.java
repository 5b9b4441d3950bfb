package io.wxplatform.sandbox.follower;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A callback endpoint run inside the test: records every request and answers with a configurable behaviour. */
public final class FakePlatform implements AutoCloseable {

    /** {@code path} is the request path without the query. */
    public record Received(String path, Map<String, String> query, String body) {}

    record Answer(int status, String body) {
        static Answer ok(String body) {
            return new Answer(200, body);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Mono<Answer>> behaviour = r -> Mono.just(Answer.ok("success"));
    private final DisposableServer server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> request.receive()
                    .aggregate()
                    .asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .map(body -> record(
                            new Received(new QueryStringDecoder(request.uri()).path(), query(request.uri()), body)))
                    .flatMap(r -> behaviour.apply(r))
                    .flatMap(answer -> response.status(answer.status())
                            .header("Content-Type", "text/xml; charset=utf-8")
                            .sendString(Mono.just(answer.body()))
                            .then()))
            .bindNow();

    public String url() {
        return base() + "/wx/callback";
    }

    /** Scheme, host and port; the platform answers on any path. */
    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    void behave(Function<Received, Mono<Answer>> behaviour) {
        this.behaviour = behaviour;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private Received record(Received r) {
        received.add(r);
        return r;
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> query = new LinkedHashMap<>();
        new QueryStringDecoder(uri).parameters().forEach((name, values) -> query.put(name, values.get(0)));
        return query;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
