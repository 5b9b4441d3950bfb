package io.wxplatform.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The per-event-loop pool against a real server: one event loop here, so its share is all of max-connections.
 */
class UpstreamConnectionsTest {

    final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final AtomicInteger accepted = new AtomicInteger();
    DisposableServer server;
    Channel caller;
    UpstreamConnections connections;

    @BeforeEach
    void start() throws InterruptedException {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .doOnChannelInit((observer, channel, remote) -> accepted.incrementAndGet())
                .handle((request, response) -> response.sendString(Mono.just("ok")))
                .bindNow();
        caller = new NioSocketChannel();
        loops.register(caller).sync();
    }

    @AfterEach
    void stop() {
        if (connections != null) {
            connections.close();
        }
        server.disposeNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aReleasedConnectionGoesToTheCallbackWaitingForIt() throws Exception {
        connections = pool(1, Duration.ofSeconds(10), Duration.ofMinutes(1));
        Channel first = acquire().get(5, TimeUnit.SECONDS);
        Waiter second = acquire();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());

        release(first, true);

        assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(first);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> accepted.get() == 1);
    }

    @Test
    void aCallbackFindingEveryConnectionBusyIsRefusedAfterTheAcquireTimeout() throws Exception {
        connections = pool(1, Duration.ofMillis(300), Duration.ofMinutes(1));
        acquire().get(5, TimeUnit.SECONDS);
        long started = System.nanoTime();

        assertThat(failureOf(acquire())).isInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    @Test
    void aConnectionThatCannotBeReusedIsClosedAndTheWaitingCallbackGetsANewOne() throws Exception {
        connections = pool(1, Duration.ofSeconds(10), Duration.ofMinutes(1));
        Channel first = acquire().get(5, TimeUnit.SECONDS);
        Waiter second = acquire();

        release(first, false);

        Channel next = second.get(5, TimeUnit.SECONDS);
        assertThat(next).isNotSameAs(first);
        assertThat(next.isActive()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isOpen());
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.get() == 2);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheMaxIdleTime() throws Exception {
        connections = pool(1, Duration.ofSeconds(10), Duration.ofMillis(200));
        Channel first = acquire().get(5, TimeUnit.SECONDS);
        release(first, true);

        await().atMost(Duration.ofSeconds(5)).until(() -> !first.isOpen());
        Channel next = acquire().get(5, TimeUnit.SECONDS);
        assertThat(next).isNotSameAs(first);
    }

    @Test
    void aWaitingCallbackThatWasCancelledIsPassedOver() throws Exception {
        connections = pool(1, Duration.ofSeconds(10), Duration.ofMinutes(1));
        Channel first = acquire().get(5, TimeUnit.SECONDS);
        Waiter gone = acquire();
        Waiter next = acquire();
        gone.cancelled = true;

        release(first, true);

        assertThat(next.get(5, TimeUnit.SECONDS)).isSameAs(first);
        assertThat(gone.isDone()).isFalse();
    }

    @Test
    void aRefusedConnectionIsReportedAndDoesNotCountAgainstTheLimit() throws Exception {
        int closedPort = freePort();
        connections = new UpstreamConnections(
                "http://127.0.0.1:" + closedPort,
                1,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1));

        assertThat(failureOf(acquire())).isInstanceOf(ConnectException.class);
        // Were the failed attempt still counted, this one would wait for a free connection instead of trying.
        assertThat(failureOf(acquire())).isInstanceOf(ConnectException.class);
    }

    private UpstreamConnections pool(int max, Duration acquireTimeout, Duration maxIdle) {
        return new UpstreamConnections(
                "http://127.0.0.1:" + server.port(), max, Duration.ofSeconds(2), acquireTimeout, maxIdle);
    }

    private Waiter acquire() {
        Waiter waiter = new Waiter();
        caller.eventLoop().execute(() -> connections.acquire(caller, waiter));
        return waiter;
    }

    private void release(Channel connection, boolean reusable) {
        caller.eventLoop().execute(() -> connections.release(connection, reusable));
    }

    private static Throwable failureOf(Waiter waiter) throws Exception {
        try {
            waiter.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("A connection was granted");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lease that records what the pool gave it. */
    static final class Waiter extends CompletableFuture<Channel> implements UpstreamConnections.Lease {

        volatile boolean cancelled;

        @Override
        public void granted(Channel connection) {
            complete(connection);
        }

        @Override
        public void refused(Throwable why) {
            completeExceptionally(why);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }
}
