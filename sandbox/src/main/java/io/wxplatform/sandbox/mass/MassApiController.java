package io.wxplatform.sandbox.mass;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.draft.Drafts;
import io.wxplatform.sandbox.follower.FinishEventXml;
import io.wxplatform.sandbox.follower.Follower;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.follower.Inbox;
import io.wxplatform.sandbox.follower.InboxEntry;
import io.wxplatform.sandbox.media.MediaStore;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.users.TagMembers;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatException;
import io.wxplatform.sandbox.web.WeChatJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * WeChat's mass-send APIs. {@code sendall} (every subscribed follower, or a tag's) and {@code send} (2 to 10,000
 * openids, verified service accounts only) deliver into the followers' inboxes (source MASS) and, {@code
 * finish-delay} later, push MASSSENDJOBFINISH with the counts; {@code preview} delivers to one follower without
 * quota; {@code get} and {@code delete} a sent message. Verified accounts only (48001). A {@code clientmsgid} seen in
 * the last 24 h answers 45065 with the first msg_id (45066 within a minute of it; 45067 over 64 bytes); a subscription
 * account sends once a China day and every account makes {@code daily-calls} calls (45009); a service account's
 * follower receives four a month, later sends filter them out. mpnews takes a draft's media_id: a permanent material
 * (a news material in WeChat's days) is 45103, anything else 40007.
 */
@RestController
class MassApiController {

    private static final Logger log = LoggerFactory.getLogger(MassApiController.class);
    private static final Set<String> MEDIA_TYPES = Set.of("image", "voice", "mpvideo");
    private static final int MAX_OPENIDS = 10_000;
    private static final int MAX_CLIENT_MSG_ID_BYTES = 64;
    /** FromUserName of WeChat's own pushes about mass sends (not a follower's doing). */
    private static final String SYSTEM_SENDER = "o-wechat-mass-system";

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final TagMembers tags;
    private final Drafts drafts;
    private final MediaStore media;
    private final Inbox inbox;
    private final MassRegistry registry;
    private final CallbackDelivery delivery;
    private final MassProperties props;
    private final WeChatJson json;
    private final Clock clock;
    private final ApiCallLog calls;

    MassApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            FollowerRegistry followers,
            TagMembers tags,
            Drafts drafts,
            MediaStore media,
            Inbox inbox,
            MassRegistry registry,
            CallbackDelivery delivery,
            MassProperties props,
            WeChatJson json,
            Clock clock,
            ApiCallLog calls) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.followers = followers;
        this.tags = tags;
        this.drafts = drafts;
        this.media = media;
        this.inbox = inbox;
        this.registry = registry;
        this.delivery = delivery;
        this.props = props;
        this.json = json;
        this.clock = clock;
        this.calls = calls;
    }

    @PostMapping("/cgi-bin/message/mass/sendall")
    Map<String, Object> sendAll(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/mass/sendall");
        Map<String, Object> request = json.object(body);
        return sendOnce(account, "message/mass/sendall", request, () -> recipientsOfFilter(account, request));
    }

    @PostMapping("/cgi-bin/message/mass/send")
    Map<String, Object> send(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/mass/send");
        if (account.type() != AccountType.SERVICE) {
            calls.record(account.appId(), "message/mass/send", () -> {
                throw WeChatError.API_UNAUTHORIZED.toException();
            });
        }
        Map<String, Object> request = json.object(body);
        return sendOnce(account, "message/mass/send", request, () -> openIds(account, request.get("touser")));
    }

    @PostMapping("/cgi-bin/message/mass/preview")
    Map<String, Object> preview(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/mass/preview");
        return calls.record(account.appId(), "message/mass/preview", () -> {
            Map<String, Object> request = json.object(body);
            String msgType = checkContent(account, request);
            Follower follower = followers
                    .find(account.appId(), WeChatJson.text(request, "touser"))
                    .filter(Follower::subscribed)
                    .orElseThrow(WeChatError.INVALID_OPENID::toException);
            long msgId = registry.previewId();
            inbox.append(
                    account.appId(),
                    follower.openId(),
                    InboxEntry.Source.MASS,
                    msgType,
                    text(request, msgType),
                    payload(request, msgType, msgId, true));
            return Map.of("errcode", 0, "errmsg", "preview success", "msg_id", msgId);
        });
    }

    @PostMapping("/cgi-bin/message/mass/get")
    Map<String, Object> status(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/mass/get");
        return calls.record(account.appId(), "message/mass/get", () -> {
            MassRegistry.Sent sent = sent(account, json.object(body));
            return Map.of("msg_id", sent.msgId(), "msg_status", sent.deleted() ? "DELETE" : "SEND_SUCCESS");
        });
    }

    @PostMapping("/cgi-bin/message/mass/delete")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = account(accessToken, "message/mass/delete");
        return calls.record(account.appId(), "message/mass/delete", () -> {
            MassRegistry.Sent sent = sent(account, json.object(body));
            // WeChat deletes only articles and videos (their pages); other messages stay in the followers' chats.
            if (!"mpnews".equals(sent.msgType()) && !"mpvideo".equals(sent.msgType())) {
                throw WeChatError.INVALID_MESSAGE_TYPE.toException();
            }
            registry.deleted(account.appId(), sent.msgId());
            return WeChatError.OK;
        });
    }

    private interface Recipients {
        List<String> resolve();
    }

    /** One send: checks, clientmsgid and quotas, then delivery and the finish event; 45065 answers the first msg_id. */
    private Map<String, Object> sendOnce(Account account, String api, Map<String, Object> request, Recipients who) {
        long[] firstMsgId = {0};
        try {
            return calls.record(account.appId(), api, () -> {
                String clientMsgId = WeChatJson.text(request, "clientmsgid");
                if (clientMsgId != null
                        && clientMsgId.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_MSG_ID_BYTES) {
                    throw WeChatError.CLIENT_MSG_ID_TOO_LONG.toException();
                }
                Instant now = clock.instant();
                String[] msgType = {null};
                List<?>[] recipients = {null};
                MassRegistry.Verdict verdict = registry.send(
                        account.appId(), clientMsgId, account.type() == AccountType.SUBSCRIPTION, now, () -> {
                            msgType[0] = checkContent(account, request);
                            recipients[0] = who.resolve();
                            return null;
                        });
                if (verdict instanceof MassRegistry.AlreadySent already) {
                    firstMsgId[0] = already.msgId();
                    throw WeChatError.CLIENT_MSG_ID_EXISTS.toException();
                }
                long msgId = ((MassRegistry.Proceed) verdict).msgId();
                @SuppressWarnings("unchecked")
                List<String> all = (List<String>) recipients[0];
                List<String> reached = registry.deliver(
                        account.appId(), msgId, msgType[0], all, account.type() == AccountType.SERVICE, now);
                for (String openId : reached) {
                    inbox.append(
                            account.appId(),
                            openId,
                            InboxEntry.Source.MASS,
                            msgType[0],
                            text(request, msgType[0]),
                            payload(request, msgType[0], msgId, false));
                }
                pushFinish(account, msgId, all.size(), reached.size());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("errcode", 0);
                answer.put("errmsg", "send job submission success");
                answer.put("msg_id", msgId);
                if ("mpnews".equals(msgType[0])) {
                    answer.put("msg_data_id", msgId * 10);
                }
                return answer;
            });
        } catch (WeChatException e) {
            if (e.error().errcode() != WeChatError.CLIENT_MSG_ID_EXISTS.errcode()) {
                throw e;
            }
            return Map.of("errcode", e.error().errcode(), "errmsg", e.error().errmsg(), "msg_id", firstMsgId[0]);
        }
    }

    /** WeChat reports the job later, on its own: so does the sandbox, after the answer went out. */
    private void pushFinish(Account account, long msgId, int total, int reached) {
        Mono.delay(props.finishDelay())
                .then(Mono.defer(() -> delivery.deliver(
                        account,
                        SYSTEM_SENDER,
                        "event:MASSSENDJOBFINISH",
                        FinishEventXml.massSendJobFinish(
                                account.originalId(),
                                SYSTEM_SENDER,
                                clock.instant().getEpochSecond(),
                                msgId,
                                "send success",
                                total,
                                reached,
                                reached,
                                0))))
                .subscribe(
                        done -> {},
                        error -> log.warn("MASSSENDJOBFINISH of {} not delivered: {}", msgId, error.toString()));
    }

    /** {@code filter: {is_to_all, tag_id}}: every subscribed follower, or the tag's (45159 for an unknown tag). */
    private List<String> recipientsOfFilter(Account account, Map<String, Object> request) {
        if (!(request.get("filter") instanceof Map<?, ?> filter)) {
            throw WeChatError.INVALID_ARGS.toException();
        }
        if (Boolean.TRUE.equals(filter.get("is_to_all"))) {
            return followers.subscribedAfter(account.appId(), null, Integer.MAX_VALUE);
        }
        int tagId;
        try {
            tagId = Integer.parseInt(String.valueOf(filter.get("tag_id")));
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_TAG.toException();
        }
        return tags.subscribed(account.appId(), tagId).orElseThrow(WeChatError.INVALID_TAG::toException);
    }

    /** 2 to 10,000 openids (40130), each a subscribed follower (40003). */
    private List<String> openIds(Account account, Object touser) {
        if (!(touser instanceof List<?> list) || list.size() < 2 || list.size() > MAX_OPENIDS) {
            throw WeChatError.MASS_OPENID_LIST.toException();
        }
        List<String> openIds = list.stream().map(String::valueOf).distinct().toList();
        for (String openId : openIds) {
            if (followers
                    .find(account.appId(), openId)
                    .filter(Follower::subscribed)
                    .isEmpty()) {
                throw WeChatError.INVALID_OPENID.toException();
            }
        }
        return openIds;
    }

    /** The message's msgtype once its content is one WeChat takes. */
    private String checkContent(Account account, Map<String, Object> request) {
        String msgType = WeChatJson.text(request, "msgtype");
        Map<?, ?> content = msgType != null && request.get(msgType) instanceof Map<?, ?> map ? map : null;
        if (msgType == null
                || !MEDIA_TYPES.contains(msgType)
                        && !Set.of("text", "mpnews", "wxcard").contains(msgType)) {
            throw WeChatError.INVALID_MESSAGE_TYPE.toException();
        }
        String value = content == null
                ? null
                : valueOf(
                        content,
                        "text".equals(msgType) ? "content" : "wxcard".equals(msgType) ? "card_id" : "media_id");
        Instant now = clock.instant();
        switch (msgType) {
            case "text" -> {
                if (WeChatJson.isBlank(value)) {
                    throw WeChatError.EMPTY_CONTENT.toException();
                }
            }
            case "wxcard" -> {
                if (WeChatJson.isBlank(value)) {
                    throw WeChatError.INVALID_CARD.toException();
                }
            }
            case "mpnews" -> {
                if (!drafts.exists(account.appId(), value)) {
                    boolean material = media.find(account.appId(), value, now)
                            .filter(MediaStore.Stored::permanent)
                            .isPresent();
                    throw (material ? WeChatError.NEWS_UNSUPPORTED : WeChatError.INVALID_MEDIA_ID).toException();
                }
            }
            default -> {
                if (media.find(account.appId(), value, now).isEmpty()) {
                    throw WeChatError.INVALID_MEDIA_ID.toException();
                }
            }
        }
        return msgType;
    }

    private MassRegistry.Sent sent(Account account, Map<String, Object> request) {
        try {
            return registry.sent(account.appId(), Long.parseLong(String.valueOf(request.get("msg_id"))))
                    .orElseThrow(WeChatError.INVALID_ARGS::toException);
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_ARGS.toException();
        }
    }

    private static String valueOf(Map<?, ?> content, String field) {
        Object value = content.get(field);
        return value == null ? null : String.valueOf(value);
    }

    private static String text(Map<String, Object> request, String msgType) {
        return "text".equals(msgType) && request.get("text") instanceof Map<?, ?> text
                ? valueOf(text, "content")
                : null;
    }

    private static Map<String, Object> payload(
            Map<String, Object> request, String msgType, long msgId, boolean preview) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(msgType, request.get(msgType));
        payload.put("msg_id", msgId);
        if (preview) {
            payload.put("preview", true);
        }
        return payload;
    }

    /** The token's account; 48001 unless verified (WeChat's permission table gives mass sends to verified ones). */
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
