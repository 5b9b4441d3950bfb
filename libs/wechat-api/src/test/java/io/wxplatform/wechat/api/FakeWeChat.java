package io.wxplatform.wechat.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A real HTTP server standing in for api.weixin.qq.com: records requests, answers what the test scripted. */
final class FakeWeChat implements AutoCloseable {

    record Request(String method, String uri, String body) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final DisposableServer server;
    private volatile int status = 200;
    private volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    private volatile Duration delay = Duration.ZERO;

    FakeWeChat() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive()
                        .aggregate()
                        .asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> {
                            requests.add(new Request(request.method().name(), request.uri(), body));
                            return Mono.delay(delay).thenReturn(body);
                        })
                        .flatMap(body -> response.status(HttpResponseStatus.valueOf(status))
                                .header("Content-Type", "text/plain")
                                .sendString(Mono.just(answer))
                                .then()))
                .bindNow();
    }

    FakeWeChat answer(int status, String body) {
        this.status = status;
        this.answer = body;
        return this;
    }

    FakeWeChat answer(String body) {
        return answer(200, body);
    }

    FakeWeChat delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    List<Request> requests() {
        return requests;
    }

    Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
