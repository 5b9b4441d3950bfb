package io.wxplatform.sandbox.template;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.follower.FinishEventXml;
import io.wxplatform.sandbox.follower.Follower;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WeChat's template-message APIs: {@code message/template/send} delivers into the follower's inbox (source TEMPLATE)
 * and, {@code finish-delay} later, pushes TEMPLATESENDJOBFINISH to the platform ({@code success}, or {@code
 * failed:user block} for a follower who blocked the account's template messages: nothing reaches the inbox then);
 * the account's templates and industries. Only verified service accounts (48001); 40003 for an unknown follower,
 * 43004 for one who unsubscribed, 40037 for a template id that is not the account's; a {@code client_msg_id} sent to
 * the same follower within {@code client-msg-id-window} answers the first msgid and sends nothing.
 */
@RestController
class TemplateApiController {

    private static final Logger log = LoggerFactory.getLogger(TemplateApiController.class);

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final Inbox inbox;
    private final TemplateRegistry templates;
    private final CallbackDelivery delivery;
    private final TemplateProperties props;
    private final WeChatJson json;
    private final Clock clock;
    private final ApiCallLog calls;

    TemplateApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            FollowerRegistry followers,
            Inbox inbox,
            TemplateRegistry templates,
            CallbackDelivery delivery,
            TemplateProperties props,
            WeChatJson json,
            Clock clock,
            ApiCallLog calls) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
        this.inbox = inbox;
        this.templates = templates;
        this.delivery = delivery;
        this.props = props;
        this.json = json;
        this.clock = clock;
        this.calls = calls;
    }

    @PostMapping("/cgi-bin/message/template/send")
    Map<String, Object> send(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "message/template/send", () -> send(account, json.object(body)));
    }

    @GetMapping("/cgi-bin/template/get_all_private_template")
    Map<String, Object> list(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "template/get_all_private_template", () -> {
            Industries industries = industries(account);
            List<Map<String, Object>> list = templates.list(account.appId()).stream()
                    .map(t -> {
                        Map<String, Object> view = new LinkedHashMap<>();
                        view.put("template_id", t.templateId());
                        view.put("title", t.title());
                        view.put("primary_industry", industries.primary());
                        view.put("deputy_industry", industries.secondary());
                        view.put("content", t.content());
                        view.put("example", "");
                        return view;
                    })
                    .toList();
            return Map.of("template_list", list);
        });
    }

    @PostMapping("/cgi-bin/template/api_add_template")
    Map<String, Object> add(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "template/api_add_template", () -> {
            Map<String, Object> request = json.object(body);
            String shortId = WeChatJson.text(request, "template_id_short");
            if (WeChatJson.isBlank(shortId)) {
                throw WeChatError.INVALID_TEMPLATE_ID.toException();
            }
            List<String> names = request.get("keyword_name_list") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : List.of();
            TemplateRegistry.Template added = templates.add(account.appId(), shortId, names);
            return Map.of("errcode", 0, "errmsg", "ok", "template_id", added.templateId());
        });
    }

    @PostMapping("/cgi-bin/template/del_private_template")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "template/del_private_template", () -> {
            if (!templates.delete(account.appId(), WeChatJson.text(json.object(body), "template_id"))) {
                throw WeChatError.INVALID_TEMPLATE_ID.toException();
            }
            return WeChatError.OK;
        });
    }

    @GetMapping("/cgi-bin/template/get_industry")
    Map<String, Object> industry(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "template/get_industry", () -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            templates.industries(account.appId()).ifPresent(chosen -> {
                answer.put("primary_industry", industryView(chosen.primary()));
                answer.put("secondary_industry", industryView(chosen.secondary()));
            });
            return answer;
        });
    }

    @PostMapping("/cgi-bin/template/api_set_industry")
    WeChatError setIndustry(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken);
        return calls.record(account.appId(), "template/api_set_industry", () -> {
            Map<String, Object> request = json.object(body);
            int primary = industryId(WeChatJson.text(request, "industry_id1"));
            int secondary = industryId(WeChatJson.text(request, "industry_id2"));
            templates.setIndustries(account.appId(), new TemplateRegistry.Industries(primary, secondary));
            return WeChatError.OK;
        });
    }

    private Map<String, Object> send(Account account, Map<String, Object> request) {
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
        if (WeChatJson.isBlank(templateId)
                || templates.find(account.appId(), templateId).isEmpty()) {
            throw WeChatError.INVALID_TEMPLATE_ID.toException();
        }
        if (!(request.get("data") instanceof Map<?, ?>)) {
            throw WeChatError.DATA_FORMAT.toException();
        }
        Instant now = clock.instant();
        TemplateRegistry.MsgId msgId =
                templates.msgId(account.appId(), touser, WeChatJson.text(request, "client_msg_id"), now);
        if (!msgId.repeat()) {
            boolean blocked = templates.blocked(account.appId(), touser);
            if (!blocked) {
                Map<String, Object> payload = new LinkedHashMap<>(request);
                payload.remove("touser");
                inbox.append(account.appId(), touser, InboxEntry.Source.TEMPLATE, "template", null, payload);
            }
            pushFinish(account, touser, msgId.msgId(), blocked ? "failed:user block" : "success");
        }
        return Map.of("errcode", 0, "errmsg", "ok", "msgid", msgId.msgId());
    }

    /** WeChat reports the delivery later, on its own: so does the sandbox, after the answer went out. */
    private void pushFinish(Account account, String openId, long msgId, String status) {
        Mono.delay(props.finishDelay())
                .then(Mono.defer(() -> delivery.deliver(
                        account,
                        openId,
                        "event:TEMPLATESENDJOBFINISH",
                        FinishEventXml.templateSendJobFinish(
                                account.originalId(), openId, clock.instant().getEpochSecond(), msgId, status))))
                .subscribe(
                        done -> {},
                        error -> log.warn("TEMPLATESENDJOBFINISH of {} not delivered: {}", msgId, error.toString()));
    }

    private Account account(String accessToken) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        if (account.type() != AccountType.SERVICE || !account.verified()) {
            calls.record(account.appId(), "template", () -> {
                throw WeChatError.API_UNAUTHORIZED.toException();
            });
        }
        return account;
    }

    private record Industries(String primary, String secondary) {}

    private Industries industries(Account account) {
        return templates
                .industries(account.appId())
                .map(chosen -> new Industries(name(chosen.primary()), name(chosen.secondary())))
                .orElse(new Industries("", ""));
    }

    private static String name(int industryId) {
        List<String> classes = TemplateRegistry.INDUSTRIES.get(industryId);
        return classes.get(0) + "|" + classes.get(1);
    }

    private static Map<String, Object> industryView(int industryId) {
        List<String> classes = TemplateRegistry.INDUSTRIES.get(industryId);
        return Map.of("first_class", classes.get(0), "second_class", classes.get(1));
    }

    private static int industryId(String value) {
        try {
            int id = Integer.parseInt(value);
            if (TemplateRegistry.INDUSTRIES.containsKey(id)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Not a number: the same answer as an unknown id.
        }
        throw WeChatError.INVALID_INDUSTRY.toException();
    }
}
