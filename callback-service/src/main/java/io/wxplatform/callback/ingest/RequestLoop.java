package io.wxplatform.callback.ingest;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * The event loop of the connection a callback came on, to continue on once Kafka has acked it. Kafka completes its
 * acks on the producer's one network thread; left there, every callback's passive reply (encryption, signature) and
 * answer ran on that thread, which then sent the next batches late: bench/run.sh callback profiled it at a third of
 * callback-service's CPU samples. Its own event loop is where the answer is written anyway.
 */
final class RequestLoop {

    private RequestLoop() {}

    static Scheduler of(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest instanceof Connection connection) {
            return Schedulers.fromExecutor(connection.channel().eventLoop());
        }
        return Schedulers.parallel();
    }
}
