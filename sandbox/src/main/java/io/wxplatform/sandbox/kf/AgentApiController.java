package io.wxplatform.sandbox.kf;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat's customer-service agent APIs (多客服): agent accounts ({@code name@account}, prefix of at most 10 letters,
 * digits or underscores, else 65404; nickname 1–16 characters, else 65403; 65406 when it exists, 65405 past 100),
 * invitations, online agents, sessions (create and close push kf_create_session / kf_close_session to the
 * platform), the waiting list and the session history. Only verified service accounts (48001).
 */
@RestController
class AgentApiController {

    private static final Logger log = LoggerFactory.getLogger(AgentApiController.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{1,10}");

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final AgentRegistry agents;
    private final CallbackDelivery delivery;
    private final WeChatJson json;
    private final Clock clock;
    private final ApiCallLog calls;

    AgentApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            FollowerRegistry followers,
            AgentRegistry agents,
            CallbackDelivery delivery,
            WeChatJson json,
            Clock clock,
            ApiCallLog calls) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
        this.agents = agents;
        this.delivery = delivery;
        this.json = json;
        this.clock = clock;
        this.calls = calls;
    }

    @PostMapping("/customservice/kfaccount/add")
    WeChatError add(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "kfaccount/add");
        return calls.record(account.appId(), "kfaccount/add", () -> {
            Map<String, Object> request = json.object(body);
            agents.add(
                    account.appId(),
                    kfAccount(WeChatJson.text(request, "kf_account")),
                    nickname(WeChatJson.text(request, "nickname")));
            return WeChatError.OK;
        });
    }

    @PostMapping("/customservice/kfaccount/update")
    WeChatError update(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "kfaccount/update");
        return calls.record(account.appId(), "kfaccount/update", () -> {
            Map<String, Object> request = json.object(body);
            agents.update(
                    account.appId(),
                    kfAccount(WeChatJson.text(request, "kf_account")),
                    nickname(WeChatJson.text(request, "nickname")));
            return WeChatError.OK;
        });
    }

    @GetMapping("/customservice/kfaccount/del")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "kf_account", required = false) String kfAccount) {
        Account account = account(accessToken, "kfaccount/del");
        return calls.record(account.appId(), "kfaccount/del", () -> {
            agents.delete(account.appId(), kfAccount(kfAccount));
            return WeChatError.OK;
        });
    }

    @PostMapping("/customservice/kfaccount/inviteworker")
    WeChatError invite(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "kfaccount/inviteworker");
        return calls.record(account.appId(), "kfaccount/inviteworker", () -> {
            Map<String, Object> request = json.object(body);
            String wx = WeChatJson.text(request, "invite_wx");
            if (WeChatJson.isBlank(wx)) {
                throw new WeChatError(65409, "invalid wechat account").toException();
            }
            agents.invite(account.appId(), kfAccount(WeChatJson.text(request, "kf_account")), wx);
            return WeChatError.OK;
        });
    }

    @GetMapping("/cgi-bin/customservice/getkflist")
    Map<String, Object> list(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken, "customservice/getkflist");
        return calls.record(account.appId(), "customservice/getkflist", () -> {
            List<Map<String, Object>> list = agents.agents(account.appId()).stream()
                    .map(agent -> {
                        Map<String, Object> view = new LinkedHashMap<>();
                        view.put("kf_account", agent.kfAccount());
                        view.put("kf_headimgurl", "https://sandbox.invalid/kf/" + agent.kfId() + ".png");
                        view.put("kf_id", String.valueOf(agent.kfId()));
                        view.put("kf_nick", agent.nickname());
                        if (agent.wxAccount() != null) {
                            view.put("kf_wx", agent.wxAccount());
                        }
                        if (agent.inviteWx() != null) {
                            view.put("invite_wx", agent.inviteWx());
                            view.put("invite_status", "waiting");
                        }
                        return view;
                    })
                    .toList();
            return Map.of("kf_list", list);
        });
    }

    @GetMapping("/cgi-bin/customservice/getonlinekflist")
    Map<String, Object> online(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken, "customservice/getonlinekflist");
        return calls.record(account.appId(), "customservice/getonlinekflist", () -> {
            List<Map<String, Object>> list = agents.agents(account.appId()).stream()
                    .filter(AgentRegistry.Agent::online)
                    .map(agent -> Map.<String, Object>of(
                            "kf_account", agent.kfAccount(),
                            "status", 1,
                            "kf_id", String.valueOf(agent.kfId()),
                            "accepted_case",
                                    agents.sessions(account.appId(), agent.kfAccount())
                                            .size()))
                    .toList();
            return Map.of("kf_online_list", list);
        });
    }

    @PostMapping("/customservice/kfsession/create")
    WeChatError create(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "kfsession/create");
        return calls.record(account.appId(), "kfsession/create", () -> {
            Map<String, Object> request = json.object(body);
            String kfAccount = kfAccount(WeChatJson.text(request, "kf_account"));
            String openId = follower(account, WeChatJson.text(request, "openid"));
            agents.create(account.appId(), kfAccount, openId, clock.instant());
            push(account, openId, "kf_create_session", kfAccount);
            return WeChatError.OK;
        });
    }

    @PostMapping("/customservice/kfsession/close")
    WeChatError close(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "kfsession/close");
        return calls.record(account.appId(), "kfsession/close", () -> {
            Map<String, Object> request = json.object(body);
            String kfAccount = kfAccount(WeChatJson.text(request, "kf_account"));
            String openId = follower(account, WeChatJson.text(request, "openid"));
            agents.close(account.appId(), kfAccount, openId, clock.instant());
            push(account, openId, "kf_close_session", kfAccount);
            return WeChatError.OK;
        });
    }

    @GetMapping("/customservice/kfsession/getsession")
    Map<String, Object> session(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "openid", required = false) String openId) {
        Account account = account(accessToken, "kfsession/getsession");
        return calls.record(account.appId(), "kfsession/getsession", () -> {
            String follower = follower(account, openId);
            return agents.session(account.appId(), follower)
                    .map(s -> Map.<String, Object>of(
                            "errcode",
                            0,
                            "errmsg",
                            "ok",
                            "kf_account",
                            s.kfAccount(),
                            "createtime",
                            s.since().getEpochSecond()))
                    .orElse(Map.of("errcode", 0, "errmsg", "ok", "kf_account", "", "createtime", 0));
        });
    }

    @GetMapping("/customservice/kfsession/getsessionlist")
    Map<String, Object> sessions(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestParam(name = "kf_account", required = false) String kfAccount) {
        Account account = account(accessToken, "kfsession/getsessionlist");
        return calls.record(account.appId(), "kfsession/getsessionlist", () -> {
            List<Map<String, Object>> list = agents.sessions(account.appId(), kfAccount(kfAccount)).stream()
                    .map(e -> Map.<String, Object>of(
                            "openid",
                            e.getKey(),
                            "createtime",
                            e.getValue().since().getEpochSecond()))
                    .toList();
            return Map.of("sessionlist", list);
        });
    }

    @GetMapping("/customservice/kfsession/getwaitcase")
    Map<String, Object> waiting(@RequestParam(name = "access_token", required = false) String accessToken) {
        Account account = account(accessToken, "kfsession/getwaitcase");
        return calls.record(account.appId(), "kfsession/getwaitcase", () -> {
            List<Map<String, Object>> list = agents.waiting(account.appId()).stream()
                    .map(e ->
                            Map.<String, Object>of("latest_time", e.getValue().getEpochSecond(), "openid", e.getKey()))
                    .toList();
            return Map.of("count", list.size(), "waitcaselist", list);
        });
    }

    @PostMapping("/customservice/msgrecord/getmsglist")
    Map<String, Object> history(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "msgrecord/getmsglist");
        return calls.record(account.appId(), "msgrecord/getmsglist", () -> {
            Map<String, Object> request = json.object(body);
            long start = number(request, "starttime");
            long end = number(request, "endtime");
            long msgId = number(request, "msgid");
            long count = number(request, "number");
            if (start <= 0 || end < start || msgId < 1 || count < 1 || count > 10_000) {
                throw AgentErrors.INVALID_QUERY.toException();
            }
            if (end - start > 24 * 3600) {
                throw AgentErrors.RANGE_TOO_LONG.toException();
            }
            List<AgentRegistry.Line> lines = agents.lines(
                    account.appId(), Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), msgId, (int) count);
            List<Map<String, Object>> records = lines.stream()
                    .map(line -> Map.<String, Object>of(
                            "openid", line.openId(),
                            "opercode", line.operCode(),
                            "text", line.text(),
                            "time", line.at().getEpochSecond(),
                            "worker", line.worker()))
                    .toList();
            long next = lines.isEmpty() ? msgId : lines.get(lines.size() - 1).id() + 1;
            return Map.of("recordlist", records, "number", records.size(), "msgid", next);
        });
    }

    /** WeChat tells the platform of session changes it did not start itself too: here, every one. */
    private void push(Account account, String openId, String event, String kfAccount) {
        String xml = XmlWriter.root()
                .text("ToUserName", account.originalId())
                .text("FromUserName", openId)
                .number("CreateTime", clock.instant().getEpochSecond())
                .text("MsgType", "event")
                .text("Event", event)
                .text("KfAccount", kfAccount)
                .build();
        delivery.deliver(account, openId, "event:" + event, xml)
                .subscribe(done -> {}, error -> log.warn("{} not delivered: {}", event, error.toString()));
    }

    private String follower(Account account, String openId) {
        if (WeChatJson.isBlank(openId)
                || followers.find(account.appId(), openId).isEmpty()) {
            throw WeChatError.INVALID_OPENID.toException();
        }
        return openId;
    }

    private static String kfAccount(String kfAccount) {
        if (WeChatJson.isBlank(kfAccount)) {
            throw AgentErrors.ILLEGAL_ACCOUNT.toException();
        }
        String[] parts = kfAccount.split("@", -1);
        if (parts.length != 2 || !PREFIX.matcher(parts[0]).matches() || parts[1].isBlank()) {
            throw AgentErrors.ILLEGAL_ACCOUNT.toException();
        }
        return kfAccount;
    }

    private static String nickname(String nickname) {
        if (WeChatJson.isBlank(nickname) || nickname.length() > 16) {
            throw AgentErrors.INVALID_NICKNAME.toException();
        }
        return nickname;
    }

    private static long number(Map<String, Object> request, String key) {
        try {
            return Long.parseLong(String.valueOf(request.get(key)));
        } catch (NumberFormatException e) {
            throw AgentErrors.INVALID_QUERY.toException();
        }
    }

    private Account account(String accessToken, String api) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        if (account.type() != AccountType.SERVICE || !account.verified()) {
            calls.record(account.appId(), api, () -> {
                throw WeChatError.API_UNAUTHORIZED.toException();
            });
        }
        return account;
    }
}
