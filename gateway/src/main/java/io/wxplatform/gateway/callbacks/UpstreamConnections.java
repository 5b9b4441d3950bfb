package io.wxplatform.gateway.callbacks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.scheduler.Schedulers;

/**
 * Kept-alive HTTP/1.1 connections to callback-service, pooled per event loop: a callback is relayed on a connection
 * of the event loop that received it, so the whole relay runs on one thread, without handing work between threads
 * or locking a shared pool. Each loop holds at most its share of {@code maxConnections}; a callback that finds them
 * all busy waits at most {@code acquireTimeout} for one (then {@link TimeoutException}). A connection idle for
 * {@code maxIdleTime} is closed. Every method but {@link #close()} runs on the caller's event loop.
 */
final class UpstreamConnections implements AutoCloseable {

    /** callback-service's passive replies are a few kilobytes; an answer over this is a failed relay (503). */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final String host;
    private final int port;
    private final String authority;
    private final String basePath;
    private final SslContext tls;
    private final int maxConnections;
    private final int connectTimeoutMs;
    private final long acquireTimeoutNanos;
    private final long maxIdleNanos;
    private final Map<EventExecutor, LoopPool> pools = new ConcurrentHashMap<>();
    private final ChannelGroup all = new DefaultChannelGroup("callback-service", GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;

    UpstreamConnections(
            String baseUrl, int maxConnections, Duration connectTimeout, Duration acquireTimeout, Duration maxIdle) {
        URI uri = URI.create(baseUrl);
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("wxplatform.callback-service.url must be an http(s) URL: " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        this.authority = uri.getPort() > 0 ? host + ':' + port : host;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.tls = https ? clientTls() : null;
        this.maxConnections = maxConnections;
        this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
        this.acquireTimeoutNanos = acquireTimeout.toNanos();
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** The {@code Host} header for callback-service. */
    String authority() {
        return authority;
    }

    /** The request target on callback-service for a path and query received at the edge. */
    String target(String pathAndQuery) {
        return basePath + pathAndQuery;
    }

    /**
     * Hands {@code lease} a connection on {@code caller}'s event loop (the channel a callback arrived on): an idle
     * one, a new one, or the next one released. Called on that event loop.
     */
    void acquire(Channel caller, Lease lease) {
        pools.computeIfAbsent(caller.eventLoop(), loop -> new LoopPool(caller)).acquire(lease);
    }

    /** Gives a connection back after a complete answer; one that cannot be reused is closed. */
    void release(Channel connection, boolean reusable) {
        LoopPool pool = pools.get(connection.eventLoop());
        if (pool == null || !reusable || closed) {
            connection.close();
            return;
        }
        pool.release(connection);
    }

    @Override
    public void close() {
        closed = true;
        all.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Who waits for a connection: called once, on the event loop, with a connection or why there is none. */
    interface Lease {

        void granted(Channel connection);

        void refused(Throwable why);

        /** A lease whose callback is gone (the caller hung up) takes nothing from the pool. */
        boolean cancelled();
    }

    /** The answer side of one connection: hands the aggregated answer, or the connection's end, to its exchange. */
    interface Exchange {

        void answered(FullHttpResponse answer);

        void failed(Throwable why);
    }

    /** The exchange a connection is serving, or null while it is idle in its pool. */
    static void serve(Channel connection, Exchange exchange) {
        connection.pipeline().get(AnswerHandler.class).exchange = exchange;
    }

    private static SslContext clientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("No TLS client for callback-service", e);
        }
    }

    /** The socket channel under a (possibly HTTP/2 stream) server channel: its class connects on the same loop. */
    @SuppressWarnings("unchecked")
    private static Class<? extends Channel> transportOf(Channel caller) {
        Channel socket = caller;
        while (socket.parent() != null && !(socket.parent() instanceof ServerChannel)) {
            socket = socket.parent();
        }
        return socket.getClass();
    }

    private static int loopsIn(EventLoop loop) {
        int loops = 0;
        for (EventExecutor ignored : loop.parent()) {
            loops++;
        }
        return Math.max(loops, 1);
    }

    /** One event loop's connections; touched only on that loop. */
    private final class LoopPool {

        private final EventLoop loop;
        private final Bootstrap bootstrap;
        private final int limit;
        private final ArrayDeque<Channel> idle = new ArrayDeque<>();
        private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
        private int open;

        LoopPool(Channel caller) {
            this.loop = caller.eventLoop();
            int loops = loopsIn(loop);
            this.limit = Math.max(1, (maxConnections + loops - 1) / loops);
            this.bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(transportOf(caller))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            if (tls != null) {
                                channel.pipeline().addLast(tls.newHandler(channel.alloc(), host, port));
                            }
                            channel.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, maxIdleNanos, TimeUnit.NANOSECONDS))
                                    .addLast(new HttpClientCodec())
                                    .addLast(new HttpObjectAggregator(MAX_ANSWER_BYTES))
                                    .addLast(new AnswerHandler());
                        }
                    });
        }

        void acquire(Lease lease) {
            Channel connection;
            while ((connection = idle.pollLast()) != null) {
                if (connection.isActive()) {
                    lease.granted(connection);
                    return;
                }
            }
            if (open < limit) {
                connect(lease);
                return;
            }
            Waiting wait = new Waiting(lease);
            wait.timeout = loop.schedule(
                    () -> {
                        if (waiting.remove(wait)) {
                            lease.refused(new TimeoutException("No connection to callback-service became free"));
                        }
                    },
                    acquireTimeoutNanos,
                    TimeUnit.NANOSECONDS);
            waiting.addLast(wait);
        }

        void release(Channel connection) {
            if (!connection.isActive()) {
                return;
            }
            Waiting next = nextWaiting();
            if (next != null) {
                next.timeout.cancel(false);
                next.lease.granted(connection);
            } else {
                idle.addLast(connection);
            }
        }

        private Waiting nextWaiting() {
            Waiting next;
            while ((next = waiting.pollFirst()) != null) {
                if (!next.lease.cancelled()) {
                    return next;
                }
                next.timeout.cancel(false);
            }
            return null;
        }

        /**
         * Resolving a name may block, so it is done off the event loop, once per new connection (the JVM caches
         * it); connecting is then the loop's.
         */
        private void connect(Lease lease) {
            open++;
            Schedulers.boundedElastic().schedule(() -> {
                InetSocketAddress address = new InetSocketAddress(host, port);
                loop.execute(() -> connectTo(address, lease));
            });
        }

        private void connectTo(InetSocketAddress address, Lease lease) {
            if (address.isUnresolved()) {
                opened(null, lease, new UnknownHostException(host));
                return;
            }
            bootstrap.connect(address).addListener(done -> {
                Channel connection = ((ChannelFuture) done).channel();
                opened(connection, lease, done.isSuccess() ? null : done.cause());
            });
        }

        private void opened(Channel connection, Lease lease, Throwable failure) {
            if (failure != null) {
                open--;
                lease.refused(failure);
                // Whoever waits would fail the same way; they keep waiting for a release or their own timeout.
                return;
            }
            all.add(connection);
            connection.closeFuture().addListener(ended -> {
                open--;
                idle.remove(connection);
                Waiting next = nextWaiting();
                if (next != null) {
                    next.timeout.cancel(false);
                    connect(next.lease);
                }
            });
            if (closed) {
                connection.close();
                lease.refused(new IllegalStateException("The gateway is shutting down"));
            } else if (lease.cancelled()) {
                release(connection);
            } else {
                lease.granted(connection);
            }
        }
    }

    private static final class Waiting {
        final Lease lease;
        ScheduledFuture<?> timeout;

        Waiting(Lease lease) {
            this.lease = lease;
        }
    }

    /** Last in each connection's pipeline: passes its answer or its failure to the exchange it serves. */
    private static final class AnswerHandler extends ChannelDuplexHandler {

        Exchange exchange;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            Exchange current = exchange;
            if (current == null || !(message instanceof FullHttpResponse answer)) {
                // Nobody asked: the connection is out of step, so it ends.
                ReferenceCountUtil.release(message);
                ctx.close();
                return;
            }
            exchange = null;
            current.answered(answer);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(new ClosedChannelException());
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end(cause);
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent && exchange == null) {
                ctx.close();
            }
        }

        private void end(Throwable why) {
            Exchange current = exchange;
            exchange = null;
            if (current != null) {
                current.failed(why);
            }
        }
    }
}
