package io.wxplatform.sandbox.subscribe;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.follower.Follower;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import io.wxplatform.sandbox.template.TemplateProperties;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WeChat's subscription-notification APIs: {@code message/subscribe/bizsend} delivers into the follower's inbox (source
 * SUBSCRIPTION), answers without a msgid as WeChat does, and pushes {@code subscribe_msg_sent_event} to the platform
 * after the template messages' {@code finish-delay}; the account's templates ({@code wxaapi/newtmpl/…}). Only verified
 * accounts (48001); 40003 for an unknown follower, 43004 for one who left, 40037 for a template id not the account's,
 * 43101 when the follower has no accept for the template (none, rejected, or a one-time accept used up), 47003 for
 * data that misses a keyword of the template.
 */
@RestController
class SubscriptionApiController {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionApiController.class);

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final Inbox inbox;
    private final SubscriptionRegistry subscriptions;
    private final CallbackDelivery delivery;
    private final TemplateProperties props;
    private final WeChatJson json;
    private final Clock clock;
    private final ApiCallLog calls;
    private final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 1000L);

    SubscriptionApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            FollowerRegistry followers,
            Inbox inbox,
            SubscriptionRegistry subscriptions,
            CallbackDelivery delivery,
            TemplateProperties props,
            WeChatJson json,
            Clock clock,
            ApiCallLog calls) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.props = props;
        this.json = json;
        this.clock = clock;
        this.calls = calls;
    }

    @PostMapping("/cgi-bin/message/subscribe/bizsend")
    WeChatError send(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/subscribe/bizsend");
        return calls.record(account.appId(), "message/subscribe/bizsend", () -> send(account, json.object(body)));
    }

    @PostMapping("/wxaapi/newtmpl/addtemplate")
    Map<String, Object> add(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "newtmpl/addtemplate");
        return calls.record(account.appId(), "newtmpl/addtemplate", () -> {
            Map<String, Object> request = json.object(body);
            List<Integer> kids = request.get("kidList") instanceof List<?> list
                    ? list.stream()
                            .map(kid -> Integer.valueOf(String.valueOf(kid)))
                            .toList()
                    : List.of();
            SubscriptionRegistry.Template added =
                    subscriptions.add(account.appId(), WeChatJson.text(request, "tid"), kids);
            return Map.of("errcode", 0, "errmsg", "ok", "priTmplId", added.templateId());
        });
    }

    @GetMapping("/wxaapi/newtmpl/gettemplate")
    Map<String, Object> list(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken, "newtmpl/gettemplate");
        return calls.record(account.appId(), "newtmpl/gettemplate", () -> {
            List<Map<String, Object>> data = subscriptions.list(account.appId()).stream()
                    .map(t -> Map.<String, Object>of(
                            "priTmplId", t.templateId(),
                            "title", t.title(),
                            "content", t.content(),
                            "example", t.example(),
                            "type", t.type()))
                    .toList();
            return Map.of("errcode", 0, "errmsg", "ok", "data", data);
        });
    }

    @PostMapping("/wxaapi/newtmpl/deltemplate")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "newtmpl/deltemplate");
        return calls.record(account.appId(), "newtmpl/deltemplate", () -> {
            if (!subscriptions.delete(account.appId(), WeChatJson.text(json.object(body), "priTmplId"))) {
                throw WeChatError.INVALID_TEMPLATE_ID.toException();
            }
            return WeChatError.OK;
        });
    }

    @GetMapping("/wxaapi/newtmpl/getcategory")
    Map<String, Object> categories(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken, "newtmpl/getcategory");
        return calls.record(account.appId(), "newtmpl/getcategory", () -> {
            List<Map<String, Object>> data = SubscriptionRegistry.CATEGORIES.entrySet().stream()
                    .map(e -> Map.<String, Object>of("id", e.getKey(), "name", e.getValue()))
                    .toList();
            return Map.of("errcode", 0, "errmsg", "ok", "data", data);
        });
    }

    @GetMapping("/wxaapi/newtmpl/getpubtemplatekeywords")
    Map<String, Object> keywords(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(required = false) String tid) {
        Account account = account(accessToken, "newtmpl/getpubtemplatekeywords");
        return calls.record(account.appId(), "newtmpl/getpubtemplatekeywords", () -> {
            SubscriptionRegistry.LibraryTemplate library = tid == null ? null : SubscriptionRegistry.LIBRARY.get(tid);
            if (library == null) {
                throw new WeChatError(200014, "template tid not exist").toException();
            }
            List<Map<String, Object>> data = library.keywords().stream()
                    .map(k -> Map.<String, Object>of(
                            "kid", k.kid(), "name", k.name(), "example", k.example(), "rule", k.rule()))
                    .toList();
            return Map.of("errcode", 0, "errmsg", "ok", "count", data.size(), "data", data);
        });
    }

    private WeChatError send(Account account, Map<String, Object> request) {
        String touser = WeChatJson.text(request, "touser");
        Follower follower = WeChatJson.isBlank(touser)
                ? null
                : followers.find(account.appId(), touser).orElse(null);
        if (follower == null) {
            throw WeChatError.INVALID_OPENID.toException();
        }
        if (!follower.subscribed()) {
            throw WeChatError.REQUIRE_SUBSCRIBE.toException();
        }
        String templateId = WeChatJson.text(request, "template_id");
        SubscriptionRegistry.Template template = WeChatJson.isBlank(templateId)
                ? null
                : subscriptions.find(account.appId(), templateId).orElse(null);
        if (template == null) {
            throw WeChatError.INVALID_TEMPLATE_ID.toException();
        }
        if (!(request.get("data") instanceof Map<?, ?> data) || !data.keySet().containsAll(template.keys())) {
            throw new WeChatError(47003, "argument invalid! data is not the template's keywords").toException();
        }
        if (!subscriptions.use(account.appId(), touser, templateId)) {
            throw new WeChatError(43101, "user refuse to accept the msg").toException();
        }
        Map<String, Object> payload = new LinkedHashMap<>(request);
        payload.remove("touser");
        inbox.append(account.appId(), touser, InboxEntry.Source.SUBSCRIPTION, "subscription", null, payload);
        pushSent(account, touser, templateId, msgIds.incrementAndGet());
        return WeChatError.OK;
    }

    /** WeChat reports the delivery later, on its own: so does the sandbox, after the answer went out. */
    private void pushSent(Account account, String openId, String templateId, long msgId) {
        Mono.delay(props.finishDelay())
                .then(Mono.defer(() -> delivery.deliver(
                        account,
                        openId,
                        "event:subscribe_msg_sent_event",
                        SubscribeEventXml.sent(
                                account.originalId(),
                                openId,
                                clock.instant().getEpochSecond(),
                                templateId,
                                msgId,
                                0,
                                "success"))))
                .subscribe(
                        done -> {},
                        error -> log.warn("subscribe_msg_sent_event of {} not delivered: {}", msgId, error.toString()));
    }

    private Account account(String accessToken, String api) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        if (!account.verified()) {
            calls.record(account.appId(), api, () -> {
                throw WeChatError.API_UNAUTHORIZED.toException();
            });
        }
        return account;
    }
}
