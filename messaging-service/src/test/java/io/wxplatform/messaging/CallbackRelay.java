package io.wxplatform.messaging;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stands in for callback-service in tests of messaging-service alone: the sandbox's callbacks of an account
 * {@link #follow followed} here (plain mode) are parsed with wechat-protocol and published on wx.inbound.v1.
 */
final class CallbackRelay implements AutoCloseable {

    /** appId → tenantId of the accounts whose callbacks are published. */
    private final ConcurrentMap<String, String> tenants = new ConcurrentHashMap<>();

    private final DisposableServer server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> request.receive()
                    .aggregate()
                    .asString(StandardCharsets.UTF_8)
                    .flatMap(xml -> {
                        String appId =
                                new QueryStringDecoder(request.uri()).path().substring("/wx/".length());
                        // Publishing waits for Kafka's ack: off the server's event loop.
                        return Mono.fromCallable(() -> Inbound.publish(InboundEvent.of(
                                        tenants.get(appId), appId, InboundMessages.parse(xml), Instant.now())))
                                .subscribeOn(Schedulers.boundedElastic());
                    })
                    .then(response.sendString(Mono.just("success")).then()))
            .bindNow();

    /** Points the account's callback URL in the sandbox here. */
    void follow(TestAccount account, String sandboxUrl) {
        tenants.put(account.appId(), account.tenantId());
        TestAccount.client(sandboxUrl)
                .patch()
                .uri("/sandbox/accounts/{a}", account.appId())
                .bodyValue(Map.of("callbackUrl", "http://127.0.0.1:" + server.port() + "/wx/" + account.appId()))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
