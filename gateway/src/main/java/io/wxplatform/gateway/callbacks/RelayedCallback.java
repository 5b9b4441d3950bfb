package io.wxplatform.gateway.callbacks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One callback's trip to callback-service and back, on the event loop of the connection it arrived on: a pooled
 * connection of that loop, the request head, the body as it is handed in (held until the connection is there;
 * {@link CallbackPassThrough.BodyTooLarge} at the first byte over the limit), and the whole answer, or why there is
 * none: {@link ReadTimeoutException} when none came within the response timeout after the request was sent, the
 * pool's or the connection's own failure otherwise. A connection goes back to its pool only after a complete
 * request and a complete kept-alive answer; any other end closes it. Every method but {@link #cancel()} runs on
 * that event loop.
 */
final class RelayedCallback implements UpstreamConnections.Lease, UpstreamConnections.Exchange {

    /** Told once: the answer (its owner from then on), or why there is none. */
    interface Listener {

        void answered(FullHttpResponse answer);

        void failed(Throwable why);
    }

    private final UpstreamConnections connections;
    private final HttpRequest head;
    private final long maxBodyBytes;
    private final long responseTimeoutNanos;
    private final Listener listener;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>(2);
    private EventLoop loop;
    private Channel connection;
    private Runnable stopBody;
    private ScheduledFuture<?> timeout;
    private long seen;
    private final boolean hasBody;
    private boolean bodyDone;
    private boolean sent;
    private boolean finished;
    private volatile boolean cancelled;

    RelayedCallback(
            UpstreamConnections connections,
            HttpRequest head,
            boolean hasBody,
            long maxBodyBytes,
            long responseTimeoutNanos,
            Listener listener) {
        this.connections = connections;
        this.head = head;
        this.hasBody = hasBody;
        this.bodyDone = !hasBody;
        this.maxBodyBytes = maxBodyBytes;
        this.responseTimeoutNanos = responseTimeoutNanos;
        this.listener = listener;
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
                    RelayedCallback relay = new RelayedCallback(
                            connections, head, body != null, maxBodyBytes, responseTimeoutNanos, new Listener() {
                                @Override
                                public void answered(FullHttpResponse answer) {
                                    sink.success(answer);
                                }

                                @Override
                                public void failed(Throwable why) {
                                    sink.error(why);
                                }
                            });
                    sink.onCancel(relay::cancel);
                    relay.loop = caller.eventLoop();
                    relay.onLoop(() -> {
                        relay.start(caller);
                        if (body != null && !relay.finished) {
                            BodyReader reader = relay.new BodyReader();
                            relay.stopBody = reader::cancel;
                            body.subscribe(reader);
                        }
                    });
                })
                .doOnDiscard(FullHttpResponse.class, ReferenceCountUtil::release);
    }

    /**
     * The request to send callback-service for a callback received at the edge: its target on callback-service,
     * the headers that cross the edge (ForwardedHeaders), and chunked framing for a body of unknown length.
     */
    static HttpRequest head(
            UpstreamConnections connections,
            HttpMethod method,
            String pathAndQuery,
            HttpHeaders incoming,
            String requestId,
            InetSocketAddress remote,
            String scheme,
            boolean chunked) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, connections.target(pathAndQuery));
        HttpHeaders headers = head.headers();
        headers.set(HttpHeaderNames.HOST, connections.authority());
        ForwardedHeaders.toUpstream(incoming, requestId, remote, scheme, headers);
        if (chunked) {
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return head;
    }

    /** Asks the pool of {@code caller}'s event loop for a connection; called on that loop. */
    void start(Channel caller) {
        loop = caller.eventLoop();
        connections.acquire(caller, this);
    }

    /** The next piece of the body, owned from here on. */
    void body(ByteBuf chunk) {
        if (finished) {
            chunk.release();
            return;
        }
        seen += chunk.readableBytes();
        if (seen > maxBodyBytes) {
            chunk.release();
            fail(new CallbackPassThrough.BodyTooLarge());
        } else if (connection == null) {
            held.add(chunk);
        } else {
            connection.write(new DefaultHttpContent(chunk), connection.voidPromise());
        }
    }

    /** The body is complete. */
    void bodyEnd() {
        if (bodyDone) {
            return;
        }
        bodyDone = true;
        if (connection != null && !finished) {
            sendLast();
        }
    }

    /** The caller is gone or the callback is abandoned: nothing more is told, and the connection is closed. */
    void cancel() {
        cancelled = true;
        onLoop(() -> {
            if (!finished) {
                finished = true;
                abandon();
            }
        });
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
        if (!hasBody) {
            // One message: Netty's encoder takes a head with Content-Length 0 as the whole request.
            send(new DefaultFullHttpRequest(
                    head.protocolVersion(),
                    head.method(),
                    head.uri(),
                    Unpooled.EMPTY_BUFFER,
                    head.headers(),
                    EmptyHttpHeaders.INSTANCE));
            return;
        }
        // A failed write reaches the connection's AnswerHandler (void promise), which fails this relay with it.
        granted.write(head, granted.voidPromise());
        ByteBuf chunk;
        while ((chunk = held.poll()) != null) {
            granted.write(new DefaultHttpContent(chunk), granted.voidPromise());
        }
        if (bodyDone) {
            sendLast();
        }
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
        stopBody();
        // A connection whose request was not sent in full (callback-service answered early) is not reused.
        connections.release(connection, sent && HttpUtil.isKeepAlive(answer));
        listener.answered(answer);
    }

    @Override
    public void failed(Throwable why) {
        fail(why);
    }

    private void sendLast() {
        send(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** The request's last message; the response timeout starts once it is written. */
    private void send(Object last) {
        connection.writeAndFlush(last).addListener((ChannelFuture written) -> {
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
        listener.failed(why);
    }

    /** The connection is in an unknown state (part of a request or of an answer in flight): it is closed. */
    private void abandon() {
        cancelTimeout();
        stopBody();
        ByteBuf chunk;
        while ((chunk = held.poll()) != null) {
            chunk.release();
        }
        if (connection != null) {
            UpstreamConnections.serve(connection, null);
            connection.close();
        }
    }

    private void stopBody() {
        if (stopBody != null) {
            stopBody.run();
            stopBody = null;
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

    /** Hands a WebFlux request body to the relay as it arrives, on the relay's event loop. */
    private final class BodyReader extends BaseSubscriber<DataBuffer> {

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        protected void hookOnNext(DataBuffer buffer) {
            ByteBuf chunk = NettyDataBufferFactory.toByteBuf(buffer);
            onLoop(() -> body(chunk));
        }

        @Override
        protected void hookOnComplete() {
            onLoop(RelayedCallback.this::bodyEnd);
        }

        @Override
        protected void hookOnError(Throwable error) {
            onLoop(() -> fail(error));
        }
    }
}
