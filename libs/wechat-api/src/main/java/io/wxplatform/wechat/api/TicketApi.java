package io.wxplatform.wechat.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** JS-SDK tickets: {@code /cgi-bin/ticket/getticket}. */
public final class TicketApi {

    static final String GET_TICKET = "/cgi-bin/ticket/getticket";

    private final WeChatRequests requests;

    TicketApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** The jsapi_ticket web pages sign JS-SDK configurations with (valid 7200 s; WeChat rations the calls). */
    public Mono<Ticket> jsapiTicket(String appId, String accessToken) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("access_token", accessToken);
        query.put("type", "jsapi");
        return requests.get(appId, GET_TICKET, query).flatMap(node -> ticket(appId, node));
    }

    private Mono<Ticket> ticket(String appId, JsonNode node) {
        String value = node.path("ticket").asString("");
        long expiresIn = node.path("expires_in").asLong(0);
        if (value.isEmpty() || expiresIn <= 0) {
            return Mono.error(requests.unexpected(appId, GET_TICKET, "answer without ticket/expires_in"));
        }
        return Mono.just(new Ticket(value, Duration.ofSeconds(expiresIn)));
    }
}
