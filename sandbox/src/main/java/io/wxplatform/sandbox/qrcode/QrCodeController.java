package io.wxplatform.sandbox.qrcode;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cgi-bin/qrcode/create}: temporary codes (QR_SCENE with a non-zero 32-bit scene_id, QR_STR_SCENE;
 * {@code expire_seconds} up to 30 days, 60 s when absent) and permanent ones (QR_LIMIT_SCENE 1–100,000,
 * QR_LIMIT_STR_SCENE; at most 100,000 per account, 45029). Verified service accounts only (48001).
 */
@RestController
class QrCodeController {

    static final long DEFAULT_EXPIRE_SECONDS = 60;
    static final long MAX_EXPIRE_SECONDS = 2_592_000;

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final QrCodes codes;
    private final ApiCallLog calls;
    private final WeChatJson json;
    private final Clock clock;

    QrCodeController(
            TokenStore tokens,
            AccountRegistry accounts,
            QrCodes codes,
            ApiCallLog calls,
            WeChatJson json,
            Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.codes = codes;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/cgi-bin/qrcode/create")
    Map<String, Object> create(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        return calls.record(account.appId(), "qrcode/create", () -> create(account, json.object(body)));
    }

    private Map<String, Object> create(Account account, Map<String, Object> request) {
        if (!account.verified() || account.type() != AccountType.SERVICE) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
        String action = WeChatJson.text(request, "action_name");
        Map<?, ?> scene =
                request.get("action_info") instanceof Map<?, ?> info && info.get("scene") instanceof Map<?, ?> s
                        ? s
                        : Map.of();
        QrCodes.Code code = switch (action == null ? "" : action) {
            case "QR_SCENE" -> codes.temporary(account.appId(), sceneId(scene, 0xFFFF_FFFFL), expiresAt(request));
            case "QR_STR_SCENE" -> codes.temporary(account.appId(), sceneStr(scene), expiresAt(request));
            case "QR_LIMIT_SCENE" -> codes.permanent(account.appId(), sceneId(scene, QrCodes.MAX_PERMANENT));
            case "QR_LIMIT_STR_SCENE" -> codes.permanent(account.appId(), sceneStr(scene));
            default -> throw WeChatError.INVALID_ARGS.toException();
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ticket", code.ticket());
        if (code.expiresAt() != null) {
            answer.put(
                    "expire_seconds",
                    code.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
        }
        answer.put("url", code.url());
        return answer;
    }

    private Instant expiresAt(Map<String, Object> request) {
        Object value = request.get("expire_seconds");
        long seconds = value == null ? DEFAULT_EXPIRE_SECONDS : number(value);
        if (seconds < 1 || seconds > MAX_EXPIRE_SECONDS) {
            throw WeChatError.INVALID_ARGS.toException();
        }
        return clock.instant().plusSeconds(seconds);
    }

    private static String sceneId(Map<?, ?> scene, long max) {
        long id = number(scene.get("scene_id"));
        if (id < 1 || id > max) {
            throw WeChatError.INVALID_ARGS.toException();
        }
        return Long.toString(id);
    }

    private static String sceneStr(Map<?, ?> scene) {
        Object value = scene.get("scene_str");
        String text = value == null ? "" : value.toString();
        if (text.isEmpty() || text.length() > 64) {
            throw WeChatError.INVALID_ARGS.toException();
        }
        return text;
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_ARGS.toException();
        }
    }
}
