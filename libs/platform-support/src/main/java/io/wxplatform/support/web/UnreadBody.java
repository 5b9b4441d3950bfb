package io.wxplatform.support.web;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * A problem answer to a request that announced a body closes the connection ({@code Connection: close}): a refusal
 * (401, 403, 404, 409…) often comes before the body was read, and {@link ProblemWriter} cannot tell.
 *
 * <p>Reactor Netty (1.3.x up to at least 1.3.8) can stop reading a keep-alive connection when the next request, or
 * the unread rest of this one, arrives before this exchange has terminated: the client then waits for an answer that
 * never comes, and the server logs nothing (reactor-netty pull request 4347). Closing costs the refused client one
 * reconnect; it never leaves a connection in that state.
 */
final class UnreadBody {

    private UnreadBody() {}

    /** Marks the answer to close the connection when the request announced a body (that nothing has read yet). */
    static void closeConnectionIfAny(ServerWebExchange exchange) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        boolean announcesBody = request.getContentLength() > 0 || request.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (announcesBody) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }
}
