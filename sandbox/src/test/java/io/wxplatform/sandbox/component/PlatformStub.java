package io.wxplatform.sandbox.component;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A third-party platform run inside the test: its authorization event URL ({@code /events}), the owner's return
 * page ({@code /return}) and authorizer message URLs ({@code /wx/{appid}/callback}). Records what arrives; opens
 * pushes and callbacks as a real platform must, with the component's Token, key and appid.
 */
final class PlatformStub implements AutoCloseable {

    record Received(String path, Map<String, String> query, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DisposableServer server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> request.receive()
                    .aggregate()
                    .asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .flatMap(body -> {
                        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
                        received.add(new Received(uri.path(), query(uri), body));
                        return response.status(200)
                                .sendString(Mono.just("success"))
                                .then();
                    }))
            .bindNow();

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Verifies the signature, decrypts with the component's key and checks the component appid, then parses. */
    static ComponentPush open(Received push, String token, String aesKey, String componentAppId) {
        return ComponentPushes.parse(openXml(push, token, aesKey, componentAppId));
    }

    static String openXml(Received callback, String token, String aesKey, String componentAppId) {
        OpenedCallback opened = CallbackVerifier.verify(
                callback.query(), callback.body(), token, List.of(EncodingAesKey.parse(aesKey)), componentAppId);
        return opened.innerXml();
    }

    private static Map<String, String> query(QueryStringDecoder uri) {
        Map<String, String> query = new LinkedHashMap<>();
        uri.parameters().forEach((name, values) -> query.put(name, values.get(0)));
        return query;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
