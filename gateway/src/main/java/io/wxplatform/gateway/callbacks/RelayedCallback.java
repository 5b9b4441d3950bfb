package io.wxplatform.gateway.callbacks;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One callback's trip to callback-service and back, on the event loop of the connection it arrived on: a pooled
 * connection of that loop, the request head, the body as it streams in (failing with
 * {@link CallbackPassThrough.BodyTooLarge} at the first byte over the limit), and the whole answer, or why there is
 * none: {@link ReadTimeoutException} when none came within the response timeout after the request was sent, the
 * pool's or the connection's own failure otherwise. A connection goes back to its pool only after a complete
 * request and a complete kept-alive answer; any other end closes it.
 */
final class RelayedCallback implements UpstreamConnections.Lease, UpstreamConnections.Exchange {

    private final UpstreamConnections connections;
    private final HttpRequest head;
    private final Flux<DataBuffer> body;
    private final long maxBodyBytes;
    private final long responseTimeoutNanos;
    private final MonoSink<FullHttpResponse> sink;
    private EventLoop loop;
    private Channel connection;
    private BodyWriter writer;
    private ScheduledFuture<?> timeout;
    private boolean sent;
    private boolean finished;
    private volatile boolean cancelled;

    private RelayedCallback(
            UpstreamConnections connections,
            HttpRequest head,
            Flux<DataBuffer> body,
            long maxBodyBytes,
            long responseTimeoutNanos,
            MonoSink<FullHttpResponse> sink) {
        this.connections = connections;
        this.head = head;
        this.body = body;
        this.maxBodyBytes = maxBodyBytes;
        this.responseTimeoutNanos = responseTimeoutNanos;
        this.sink = sink;
    }

    /**
     * The answer to {@code head} (and {@code body}, null when there is none) from callback-service, relayed on
     * {@code caller}'s event loop; the subscriber owns (releases) the answer.
     */
    static Mono<FullHttpResponse> relay(
            UpstreamConnections connections,
            Channel caller,
            HttpRequest head,
            Flux<DataBuffer> body,
            long maxBodyBytes,
            long responseTimeoutNanos) {
        return Mono.<FullHttpResponse>create(sink -> {
                    RelayedCallback relay =
                            new RelayedCallback(connections, head, body, maxBodyBytes, responseTimeoutNanos, sink);
                    sink.onCancel(relay::cancel);
                    relay.loop = caller.eventLoop();
                    relay.onLoop(() -> connections.acquire(caller, relay));
                })
                .doOnDiscard(FullHttpResponse.class, ReferenceCountUtil::release);
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void granted(Channel granted) {
        if (cancelled || finished) {
            connections.release(granted, true);
            return;
        }
        connection = granted;
        UpstreamConnections.serve(granted, this);
        granted.write(head);
        if (body == null) {
            sendLast();
            return;
        }
        writer = new BodyWriter();
        body.subscribe(writer);
    }

    @Override
    public void refused(Throwable why) {
        fail(why);
    }

    @Override
    public void answered(FullHttpResponse answer) {
        if (finished) {
            answer.release();
            return;
        }
        finished = true;
        cancelTimeout();
        if (writer != null) {
            writer.stop();
        }
        // A connection whose request was not sent in full (callback-service answered early) is not reused.
        connections.release(connection, sent && HttpUtil.isKeepAlive(answer));
        sink.success(answer);
    }

    @Override
    public void failed(Throwable why) {
        fail(why);
    }

    private void sendLast() {
        connection.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                fail(written.cause());
            } else if (!finished) {
                sent = true;
                timeout = loop.schedule(
                        () -> fail(ReadTimeoutException.INSTANCE), responseTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        });
    }

    private void fail(Throwable why) {
        if (finished) {
            return;
        }
        finished = true;
        abandon();
        sink.error(why);
    }

    private void cancel() {
        cancelled = true;
        onLoop(() -> {
            if (!finished) {
                finished = true;
                abandon();
            }
        });
    }

    /** The connection is in an unknown state (part of a request or of an answer in flight): it is closed. */
    private void abandon() {
        cancelTimeout();
        if (writer != null) {
            writer.stop();
        }
        if (connection != null) {
            UpstreamConnections.serve(connection, null);
            connection.close();
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void onLoop(Runnable step) {
        if (loop.inEventLoop()) {
            step.run();
        } else {
            loop.execute(step);
        }
    }

    /** Writes the body to the connection as it arrives (on the same event loop), counting it against the limit. */
    private final class BodyWriter extends BaseSubscriber<DataBuffer> {

        private long seen;
        private boolean stopped;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(DataBuffer buffer) {
            onLoop(() -> {
                if (stopped) {
                    DataBufferUtils.release(buffer);
                    return;
                }
                seen += buffer.readableByteCount();
                if (seen > maxBodyBytes) {
                    DataBufferUtils.release(buffer);
                    fail(new CallbackPassThrough.BodyTooLarge());
                    return;
                }
                connection.write(new DefaultHttpContent(NettyDataBufferFactory.toByteBuf(buffer)));
            });
        }

        @Override
        protected void hookOnComplete() {
            onLoop(() -> {
                if (!stopped) {
                    stopped = true;
                    sendLast();
                }
            });
        }

        @Override
        protected void hookOnError(Throwable error) {
            onLoop(() -> {
                if (!stopped) {
                    stopped = true;
                    fail(error);
                }
            });
        }

        void stop() {
            if (!stopped) {
                stopped = true;
                cancel();
            }
        }
    }
}
