package io.wxplatform.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    @Test
    void hopByHopInternalAndConnectionNamedHeadersAreNotForwardedAndOursAreSet() {
        HttpHeaders incoming = new DefaultHttpHeaders();
        incoming.add("Connection", "keep-alive, X-Hop-A");
        incoming.add("Connection", "x-hop-b");
        incoming.add("X-Hop-A", "1");
        incoming.add("X-Hop-B", "2");
        incoming.add("Transfer-Encoding", "chunked");
        incoming.add("Upgrade", "h2c");
        incoming.add("Host", "edge.example:443");
        incoming.add("Expect", "100-continue");
        incoming.add("x-wx-internal-caller", "token-service");
        incoming.add("X-Tenant-Id", "t2");
        incoming.add("X-Request-Id", "spoofed");
        incoming.add("Content-Type", "text/xml");
        incoming.add("Content-Length", "42");
        incoming.add("X-Forwarded-For", "203.0.113.9");

        HttpHeaders out = new DefaultHttpHeaders();
        ForwardedHeaders.toUpstream(incoming, "rid-1", new InetSocketAddress("198.51.100.7", 4711), "https", out);
        Map<String, List<String>> sent = new LinkedHashMap<>();
        out.names().forEach(name -> sent.put(name, out.getAll(name)));

        assertThat(sent)
                .containsOnlyKeys(
                        "Content-Type",
                        "Content-Length",
                        "X-Request-Id",
                        "X-Forwarded-For",
                        "X-Forwarded-Proto",
                        "X-Forwarded-Host");
        assertThat(sent)
                .containsEntry("X-Request-Id", List.of("rid-1"))
                .containsEntry("X-Forwarded-For", List.of("203.0.113.9, 198.51.100.7"))
                .containsEntry("X-Forwarded-Proto", List.of("https"))
                .containsEntry("X-Forwarded-Host", List.of("edge.example:443"))
                .containsEntry("Content-Length", List.of("42"));
    }

    @Test
    void anAnswersHopByHopHeadersAndItsRequestIdStayBehind() {
        Set<String> named = ForwardedHeaders.namedByConnection(List.of("close, X-Up"));

        assertThat(ForwardedHeaders.toCaller("Content-Type", named)).isTrue();
        assertThat(ForwardedHeaders.toCaller("X-Other", named)).isTrue();
        for (String dropped : List.of(
                "X-Up", "Connection", "Keep-Alive", "Transfer-Encoding", "Proxy-Authenticate", "X-Request-Id")) {
            assertThat(ForwardedHeaders.toCaller(dropped, named)).as(dropped).isFalse();
        }
    }

    @Test
    void aLogLineNamesTheTraceOfAWellFormedTraceparentOnly() {
        assertThat(ForwardedHeaders.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(ForwardedHeaders.traceId(null)).isNull();
        assertThat(ForwardedHeaders.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isNull();
        assertThat(ForwardedHeaders.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .isNull();
        assertThat(ForwardedHeaders.traceId("garbage")).isNull();
    }
}
