package io.wxplatform.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's customer-service send endpoint, answering "system busy" (-1) a scripted number of times per follower before
 * it accepts; the real sandbox cannot be made busy. Counts the calls per follower.
 */
final class BusyWeChat implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, AtomicInteger> busyAnswersLeft = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final DisposableServer server;

    BusyWeChat() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.post(
                        "/cgi-bin/message/custom/send",
                        (request, response) -> request.receive()
                                .aggregate()
                                .asString()
                                .map(body -> answer(
                                        JSON.readTree(body).path("touser").asString()))
                                .flatMap(answer -> response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(answer))
                                        .then())))
                .bindNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    void busyFor(String openId, int times) {
        busyAnswersLeft.put(openId, new AtomicInteger(times));
    }

    int calls(String openId) {
        return calls.getOrDefault(openId, new AtomicInteger()).get();
    }

    private String answer(String openId) {
        calls.computeIfAbsent(openId, id -> new AtomicInteger()).incrementAndGet();
        AtomicInteger busy = busyAnswersLeft.getOrDefault(openId, new AtomicInteger());
        return busy.getAndDecrement() > 0
                ? "{\"errcode\":-1,\"errmsg\":\"system error\"}"
                : "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
