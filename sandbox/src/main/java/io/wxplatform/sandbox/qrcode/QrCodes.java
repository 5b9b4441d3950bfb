package io.wxplatform.sandbox.qrcode;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The parametric QR codes WeChat issued, by ticket. A permanent code of a scene already issued is the same code
 * again; at most {@link #MAX_PERMANENT} permanent scenes per account (45029).
 */
@Component
public class QrCodes implements Resettable {

    public static final int MAX_PERMANENT = 100_000;
    public static final WeChatError TOO_MANY_PERMANENT = new WeChatError(45029, "qrcode count out of limit");

    /** An issued code; {@code expiresAt} null for a permanent one. */
    public record Code(String appId, String ticket, String scene, Instant expiresAt, String url) {

        public boolean expired(Instant now) {
            return expiresAt != null && !now.isBefore(expiresAt);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, Code> byTicket = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<String, Code>> permanentByAccount = new ConcurrentHashMap<>();

    public Optional<Code> find(String ticket) {
        return Optional.ofNullable(ticket == null ? null : byTicket.get(ticket));
    }

    Code temporary(String appId, String scene, Instant expiresAt) {
        return issue(appId, scene, expiresAt);
    }

    Code permanent(String appId, String scene) {
        Map<String, Code> codes = permanentByAccount.computeIfAbsent(appId, id -> new ConcurrentHashMap<>());
        synchronized (codes) {
            Code existing = codes.get(scene);
            if (existing != null) {
                return existing;
            }
            if (codes.size() >= MAX_PERMANENT) {
                throw TOO_MANY_PERMANENT.toException();
            }
            Code code = issue(appId, scene, null);
            codes.put(scene, code);
            return code;
        }
    }

    private Code issue(String appId, String scene, Instant expiresAt) {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getEncoder().encodeToString(bytes);
        String url = "http://weixin.qq.com/q/"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
        Code code = new Code(appId, ticket, scene, expiresAt, url);
        byTicket.put(ticket, code);
        return code;
    }

    @Override
    public void reset() {
        byTicket.clear();
        permanentByAccount.clear();
    }
}
