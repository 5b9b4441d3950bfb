package io.wxplatform.wechat.api;


import io.netty.channel.ChannelOption;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of the WeChat API, grouped by domain like wechatpy: {@code client.tokens()}, {@code client.messages()}.
 * Users, tags, menus, QR codes, tickets, component and OAuth get one small class each, sharing {@link WeChatRequests}.
 * Thread-safe; create one per base URL and share it.
 */
public final class WeChatClient {

    private final TokenApi tokens;
    private final MessageApi messages;
    private final TicketApi tickets;
    private final ComponentApi component;

    private WeChatClient(WeChatRequests requests) {
        this.tokens = new TokenApi(requests);
        this.messages = new MessageApi(requests);
        this.tickets = new TicketApi(requests);
        this.component = new ComponentApi(requests);
    }

    /** A client on its own Reactor Netty connector with connect and response timeouts from the config. */
    public static WeChatClient create(WeChatClientConfig config) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.timeout().toMillis())
                .responseTimeout(config.timeout());
        return create(config, WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)));
    }

    /** A client built on the given builder (e.g. Boot's, for metrics and tracing); the builder is not modified. */
    public static WeChatClient create(WeChatClientConfig config, WebClient.Builder builder) {
        WebClient web = builder.clone().baseUrl(config.baseUrl().toString()).build();
        return new WeChatClient(new WeChatRequests(web, JsonMapper.builder().build(), config.timeout()));
    }

    public TokenApi tokens() {
        return tokens;
    }

    public MessageApi messages() {
        return messages;
    }

    public TicketApi tickets() {
        return tickets;
    }

    public ComponentApi component() {
        return component;
    }
}
