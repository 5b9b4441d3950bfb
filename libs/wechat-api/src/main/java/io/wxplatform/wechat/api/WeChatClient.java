package io.wxplatform.wechat.api;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of the WeChat API, grouped by domain like wechatpy: {@link #tokens()} (access tokens),
 * {@link #messages()} (customer-service messages), {@link #tickets()} (the JS-SDK jsapi_ticket),
 * {@link #component()} (the third-party platform), {@link #users()} (followers and remarks) {@link #tags()} (tags
 * and the blacklist), {@link #qrCodes()}, {@link #oauth()} (web authorization), {@link #dataCube()}, {@link #menus()},
 * {@link #media()}, {@link #drafts()}, {@link #templates()} and {@link #mass()}. Each domain is one small class sharing {@link WeChatRequests}; a domain not
 * listed here joins the same way when a service needs it.
 * Thread-safe; create one per base URL and share it (a Spring Boot service gets it from
 * {@link WeChatApiAutoConfiguration}).
 */
public final class WeChatClient {

    /** The largest answer read: a full user/get or blacklist page with room to spare. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final TokenApi tokens;
    private final MessageApi messages;
    private final TicketApi tickets;
    private final ComponentApi component;
    private final UserApi users;
    private final TagApi tags;
    private final QrCodeApi qrCodes;
    private final DataCubeApi dataCube;
    private final OAuthApi oauth;
    private final MenuApi menus;
    private final MediaApi media;
    private final DraftApi drafts;
    private final TemplateApi templates;
    private final MassApi mass;
    private final AgentApi agents;
    private final SubscriptionApi subscriptions;

    private WeChatClient(WeChatRequests requests) {
        this.tokens = new TokenApi(requests);
        this.messages = new MessageApi(requests);
        this.tickets = new TicketApi(requests);
        this.component = new ComponentApi(requests);
        this.users = new UserApi(requests);
        this.tags = new TagApi(requests);
        this.qrCodes = new QrCodeApi(requests);
        this.dataCube = new DataCubeApi(requests);
        this.oauth = new OAuthApi(requests);
        this.menus = new MenuApi(requests);
        this.media = new MediaApi(requests);
        this.drafts = new DraftApi(requests);
        this.templates = new TemplateApi(requests);
        this.mass = new MassApi(requests);
        this.agents = new AgentApi(requests);
        this.subscriptions = new SubscriptionApi(requests);
    }

    /** A client on its own Reactor Netty connector with connect and response timeouts from the config. */
    public static WeChatClient create(WeChatClientConfig config) {
        return create(config, ObservationRegistry.NOOP);
    }

    /**
     * As {@link #create(WeChatClientConfig)}, every call observed in {@code observations}: a client span (whose
     * {@code traceparent} header continues the caller's trace) and {@code http.client.requests} metrics, both named
     * by the path alone, never the query that carries the access token.
     */
    public static WeChatClient create(WeChatClientConfig config, ObservationRegistry observations) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        config.timeout().toMillis())
                .responseTimeout(config.timeout());
        return create(
                config,
                WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(http))
                        .filter(TransportFailure.redacting())
                        .observationRegistry(observations)
                        .observationConvention(new WeChatCallObservationConvention()));
    }

    /** A client built on the given builder (e.g. Boot's, for metrics and tracing); the builder is not modified. */
    public static WeChatClient create(WeChatClientConfig config, WebClient.Builder builder) {
        WebClient web = builder.clone()
                .baseUrl(config.baseUrl().toString())
                // A user/get page of 10,000 openids is ~320 kB, past WebClient's default 256 kB.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES))
                .build();
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

    public UserApi users() {
        return users;
    }

    public TagApi tags() {
        return tags;
    }

    public QrCodeApi qrCodes() {
        return qrCodes;
    }

    /** Follower analytics ({@code /datacube/…}). */
    public DataCubeApi dataCube() {
        return dataCube;
    }

    /** Web authorization ({@code /sns/oauth2/…}, {@code /sns/userinfo}). */
    public OAuthApi oauth() {
        return oauth;
    }

    /** Custom and conditional menus. */
    public MenuApi menus() {
        return menus;
    }

    /** Temporary media, permanent materials and article images. */
    public MediaApi media() {
        return media;
    }

    /** Article drafts and publishing them. */
    public DraftApi drafts() {
        return drafts;
    }

    /** Template messages, the account's templates and industries. */
    public TemplateApi templates() {
        return templates;
    }

    /** Mass sends: to all, a tag or an openid list, previews, status and deletion. */
    public MassApi mass() {
        return mass;
    }

    /** Customer-service agents, their sessions and chat history. */
    public AgentApi agents() {
        return agents;
    }

    /** Subscription notifications and their templates. */
    public SubscriptionApi subscriptions() {
        return subscriptions;
    }
}
