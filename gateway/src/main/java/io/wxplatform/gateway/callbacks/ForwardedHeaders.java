package io.wxplatform.gateway.callbacks;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which headers cross the edge on a callback, each way: hop-by-hop headers (RFC 9110 section 7.6.1, and any the
 * {@code Connection} header names) belong to one connection and never travel on; {@code X-Wx-Internal-*} and
 * {@code X-Tenant-Id} carry identity between our services, so a client's are dropped; {@code Host} is the
 * upstream's; {@code Expect} is answered by the edge's own HTTP server.
 */
final class ForwardedHeaders {

    static final String REQUEST_ID = "X-Request-Id";
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";
    /** W3C trace context: {@code <version>-<trace id, 32 hex>-<parent span id, 16 hex>-<flags>}. */
    static final String TRACEPARENT = "traceparent";

    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");
    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "te",
            "transfer-encoding",
            "upgrade",
            "trailer",
            "proxy-authenticate",
            "proxy-authorization");
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host",
            "expect",
            "x-tenant-id",
            "x-request-id",
            "x-forwarded-for",
            "x-forwarded-proto",
            "x-forwarded-host");
    private static final String INTERNAL_PREFIX = "x-wx-internal-";

    private ForwardedHeaders() {}

    /** Adds to {@code out} each header to send to callback-service, ours (request id, X-Forwarded-*) last. */
    static void toUpstream(
            HttpHeaders incoming, String requestId, InetSocketAddress remote, String scheme, HttpHeaders out) {
        List<String> connection = incoming.getAll(HttpHeaderNames.CONNECTION);
        Set<String> named = connection.isEmpty() ? Set.of() : namedByConnection(connection);
        for (Map.Entry<String, String> header : incoming) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower)
                    && !NOT_FORWARDED.contains(lower)
                    && !lower.startsWith(INTERNAL_PREFIX)
                    && !named.contains(lower)) {
                out.add(header.getKey(), header.getValue());
            }
        }
        out.set(REQUEST_ID, requestId);
        if (remote != null && remote.getAddress() != null) {
            out.set(
                    FORWARDED_FOR,
                    appended(incoming.get(FORWARDED_FOR), remote.getAddress().getHostAddress()));
        }
        out.set(FORWARDED_PROTO, appended(incoming.get(FORWARDED_PROTO), scheme));
        String host = incoming.get(HttpHeaderNames.HOST);
        if (host != null) {
            out.set(FORWARDED_HOST, appended(incoming.get(FORWARDED_HOST), host));
        }
    }

    /** The trace id of a W3C {@code traceparent} header, or {@code null} when there is none or it is malformed. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher parts = TRACEPARENT_FORMAT.matcher(traceparent.trim());
        if (!parts.matches() || parts.group(1).equals(INVALID_TRACE_ID)) {
            return null;
        }
        return parts.group(1);
    }

    /** Calls {@code add} with each header of callback-service's answer that goes back to the caller. */
    static void toCaller(HttpHeaders answer, BiConsumer<String, String> add) {
        List<String> connection = answer.getAll(HttpHeaderNames.CONNECTION);
        Set<String> named = connection.isEmpty() ? Set.of() : namedByConnection(connection);
        for (Map.Entry<String, String> header : answer) {
            if (toCaller(header.getKey(), named)) {
                add.accept(header.getKey(), header.getValue());
            }
        }
    }

    /** Whether an upstream answer's header goes back to the caller (the request id is set by the edge itself). */
    static boolean toCaller(String name, Set<String> namedByConnection) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !HOP_BY_HOP.contains(lower) && !lower.equals("x-request-id") && !namedByConnection.contains(lower);
    }

    /** The header names {@code Connection} headers list: hop-by-hop for this connection only. */
    static Set<String> namedByConnection(List<String> connectionValues) {
        Set<String> named = new HashSet<>();
        for (String value : connectionValues) {
            for (String token : value.split(",")) {
                String trimmed = token.trim();
                if (!trimmed.isEmpty()) {
                    named.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return named;
    }

    private static String appended(String existing, String value) {
        return existing == null || existing.isBlank() ? value : existing + ", " + value;
    }
}
