package io.wxplatform.gateway.callbacks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.wxplatform.gateway.callbacks.PassThroughMetrics.Outcome;
import io.wxplatform.gateway.paths.EdgePaths;
import io.wxplatform.gateway.paths.PathVerdict;
import io.wxplatform.requestids.RequestIds;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * The common callback, relayed below Reactor Netty's server and WebFlux: on an HTTP/1.1 connection, right after
 * the HTTP codec, this handler takes a {@code /wx/**} request that the pass-through would relay (a routable path, a
 * body within the limit, no {@code Expect}, callback-service not just found down, no other request of the
 * connection in hand upstream of it), streams it to callback-service and writes the answer itself. The
 * pass-through did the same work at about one and a half times the CPU (docs/benchmarks.md).
 *
 * <p>Everything else goes on to Reactor Netty unchanged, and so to {@link CallbackPassThrough}: other paths,
 * refusals (400, 413 declared, 503 while callback-service is down) and HTTP/2. A relay begun here that ends
 * without an answer (timeout, connection refused or lost, body over the limit while streaming) is handed on too, as
 * the same request without its body and with an {@link Unfinished} note on the connection: the pass-through answers
 * it as it answers its own failures (problem+json, outcome metric, log line, the down pause). Requests that arrive
 * while one is relayed here are held and taken in order after it.
 */
final class CallbackFastPath extends ChannelDuplexHandler {

    static final String NAME = "wxplatform.callbackFastPath";

    private static final AttributeKey<Unfinished> UNFINISHED = AttributeKey.valueOf("wxplatform.callbacks.unfinished");
    /** Held messages beyond this mean a client pipelining without reading its answers: its connection is closed. */
    private static final int MAX_HELD = 256;

    /** A relay this handler began and could not finish, for the pass-through to answer. */
    record Unfinished(Throwable error, long startedNanos) {}

    /** What every connection's handler shares. */
    record Relaying(
            UpstreamConnections upstream,
            long maxBodyBytes,
            long responseTimeoutNanos,
            UpstreamAvailability availability,
            PassThroughMetrics metrics) {}

    private final Relaying relaying;
    private ArrayDeque<Object> held;
    private Taken taken;
    private int handedOn;

    CallbackFastPath(Relaying relaying) {
        this.relaying = relaying;
    }

    /** The note the fast path left for the request it just handed on, taken off the connection; null if none. */
    static Unfinished unfinished(Channel connection) {
        return connection.hasAttr(UNFINISHED) ? connection.attr(UNFINISHED).getAndSet(null) : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (taken != null) {
            if (taken.readingBody && message instanceof HttpContent content) {
                taken.body(content);
            } else {
                hold(ctx, message);
            }
            return;
        }
        if (message instanceof HttpRequest request && !(message instanceof HttpContent)) {
            if (handedOn == 0 && takes(request)) {
                take(ctx, request);
                return;
            }
            handedOn++;
        }
        ctx.fireChannelRead(message);
    }

    /**
     * Reactor Netty reads a connection only when asked (auto-read is off): a body still coming is asked for here,
     * and the next request once an answer is written ({@link #next}).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (taken != null && taken.readingBody) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    /** Reactor Netty's answers pass here on their way out: the last part of one ends a request handed on. */
    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent
                && handedOn > 0
                && !(message instanceof HttpResponse response
                        && response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
            handedOn--;
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (taken != null) {
            taken.relay.cancel();
            taken = null;
        }
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    private boolean takes(HttpRequest request) {
        String uri = request.uri();
        if (!request.decoderResult().isSuccess()
                || !uri.startsWith(CallbackPassThrough.PREFIX)
                || uri.indexOf('#') >= 0) {
            return false;
        }
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.EXPECT)
                || headers.contains(HttpHeaderNames.TRANSFER_ENCODING) && !HttpUtil.isTransferEncodingChunked(request)
                || declaredLength(request) > relaying.maxBodyBytes()) {
            return false;
        }
        int query = uri.indexOf('?');
        return EdgePaths.classify(query < 0 ? uri : uri.substring(0, query)) == PathVerdict.ROUTE
                && relaying.availability().worthTrying();
    }

    private void take(ChannelHandlerContext ctx, HttpRequest request) {
        long started = System.nanoTime();
        String requestId = RequestIds.keepOrGenerate(request.headers().get(ForwardedHeaders.REQUEST_ID));
        long declared = declaredLength(request);
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        SocketAddress remote = ctx.channel().remoteAddress();
        HttpRequest head = RelayedCallback.head(
                relaying.upstream(),
                request.method(),
                request.uri(),
                request.headers(),
                requestId,
                remote instanceof InetSocketAddress address ? address : null,
                ctx.pipeline().get(SslHandler.class) != null ? "https" : "http",
                chunked && declared < 0);
        taken = new Taken(ctx, request, requestId, started);
        taken.relay = new RelayedCallback(
                relaying.upstream(),
                head,
                declared > 0 || chunked,
                relaying.maxBodyBytes(),
                relaying.responseTimeoutNanos(),
                taken);
        taken.relay.start(ctx.channel());
    }

    private void hold(ChannelHandlerContext ctx, Object message) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(message);
        if (held.size() > MAX_HELD) {
            ctx.close();
        }
    }

    /** The request in hand is done with: the requests held meanwhile are taken up in order. */
    private void next(ChannelHandlerContext ctx) {
        taken = null;
        while (held != null && !held.isEmpty() && (taken == null || taken.readingBody)) {
            channelRead(ctx, held.poll());
        }
        if (taken == null && handedOn == 0 || taken != null && taken.readingBody) {
            ctx.read();
        }
    }

    private void releaseHeld() {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }

    private static long declaredLength(HttpRequest request) {
        try {
            return HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The request in hand: its body goes to the relay; the relay's answer or failure comes back here. */
    private final class Taken implements RelayedCallback.Listener {

        private final ChannelHandlerContext ctx;
        private final HttpRequest request;
        private final String requestId;
        private final long started;
        private final boolean keepAlive;
        private RelayedCallback relay;
        private boolean readingBody = true;
        private boolean settled;

        Taken(ChannelHandlerContext ctx, HttpRequest request, String requestId, long started) {
            this.ctx = ctx;
            this.request = request;
            this.requestId = requestId;
            this.started = started;
            this.keepAlive = HttpUtil.isKeepAlive(request);
        }

        void body(HttpContent content) {
            ByteBuf data = content.content();
            if (data.isReadable()) {
                relay.body(data);
            } else {
                content.release();
            }
            if (content instanceof LastHttpContent) {
                readingBody = false;
                relay.bodyEnd();
                if (settled) {
                    next(ctx);
                }
            }
        }

        @Override
        public void answered(FullHttpResponse answer) {
            settled = true;
            relaying.availability().reached();
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(), answer.content());
            HttpHeaders headers = out.headers();
            ForwardedHeaders.toCaller(answer.headers(), headers::add);
            headers.set(ForwardedHeaders.REQUEST_ID, requestId);
            HttpUtil.setContentLength(out, answer.content().readableBytes());
            if (!keepAlive) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            int status = answer.status().code();
            ctx.writeAndFlush(out).addListener((ChannelFutureListener) written -> {
                relaying.metrics().record(written.isSuccess() ? Outcome.FORWARDED : Outcome.FAILED, status, started);
                if (!keepAlive || !written.isSuccess()) {
                    written.channel().close();
                }
            });
            if (!readingBody) {
                next(ctx);
            }
        }

        @Override
        public void failed(Throwable why) {
            settled = true;
            // The same request, without its body, for the pass-through to answer; the rest of the body is dropped.
            HttpRequest same = new DefaultHttpRequest(
                    request.protocolVersion(),
                    request.method(),
                    request.uri(),
                    request.headers().copy());
            same.headers().set(ForwardedHeaders.REQUEST_ID, requestId);
            ctx.channel().attr(UNFINISHED).set(new Unfinished(why, started));
            handedOn++;
            ctx.fireChannelRead(same);
            ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!readingBody) {
                next(ctx);
            }
        }
    }
}
