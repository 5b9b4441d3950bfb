package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * One third-party platform's state at WeChat: pushed tickets, pre-auth and authorization codes, and the accounts
 * that authorized it. Holds secrets: never log it. Methods are synchronized: each is a short in-memory update.
 */
final class SimulatedComponent {

    /** Pushes kept for the admin view, oldest dropped first. */
    private static final int PUSH_LOG_LIMIT = 200;

    record PreAuth(Instant expiresAt, String redirectUri, boolean used) {}

    record AuthCode(String authorizerAppId, Instant expiresAt, boolean used) {}

    /** An account's authorization of this component; {@code revoked} once the owner withdrew it. */
    record Authorizer(
            String appId, List<Integer> funcScopes, String refreshToken, String preAuthCode, boolean revoked) {

        Authorizer with(String newRefreshToken) {
            return new Authorizer(appId, funcScopes, newRefreshToken, preAuthCode, revoked);
        }

        @Override
        public String toString() {
            return "Authorizer[" + appId + ", revoked=" + revoked + "]";
        }
    }

    /** An owner's approval: the code to exchange and where the browser goes next. */
    record Approval(
            String authCode, Instant authCodeExpiresAt, String redirectUri, String infoType, String preAuthCode) {}

    record Push(String infoType, String authorizerAppId, Instant at, Integer status, String error) {}

    private final ComponentRequest config;
    private final Map<String, Instant> tickets = new HashMap<>();
    private final Map<String, PreAuth> preAuthCodes = new HashMap<>();
    private final Map<String, AuthCode> authCodes = new HashMap<>();
    private final Map<String, Authorizer> authorizers = new HashMap<>();
    private final Deque<Push> pushes = new ArrayDeque<>();
    private Instant lastTicketAt;

    SimulatedComponent(ComponentRequest config) {
        this.config = config;
    }

    ComponentRequest config() {
        return config;
    }

    String appId() {
        return config.componentAppId();
    }

    boolean secretMatches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        config.componentAppSecret().getBytes(StandardCharsets.UTF_8),
                        candidate.getBytes(StandardCharsets.UTF_8));
    }

    synchronized String newTicket(Instant now, Duration validity) {
        tickets.values().removeIf(pushedAt -> pushedAt.plus(validity).isBefore(now));
        String ticket = ComponentValues.ticket();
        tickets.put(ticket, now);
        lastTicketAt = now;
        return ticket;
    }

    synchronized Optional<Instant> lastTicketAt() {
        return Optional.ofNullable(lastTicketAt);
    }

    /** Any ticket pushed within its validity opens api_component_token, as WeChat accepts more than the latest. */
    synchronized void checkTicket(String ticket, Instant now, Duration validity) {
        Instant pushedAt = ticket == null ? null : tickets.get(ticket);
        if (pushedAt == null) {
            throw ComponentErrors.TICKET_INVALID.toException();
        }
        if (!now.isBefore(pushedAt.plus(validity))) {
            throw ComponentErrors.TICKET_EXPIRED.toException();
        }
    }

    synchronized String newPreAuthCode(Instant now, Duration lifetime) {
        preAuthCodes.values().removeIf(code -> code.expiresAt().isBefore(now));
        String code = ComponentValues.preAuthCode();
        preAuthCodes.put(code, new PreAuth(now.plus(lifetime), null, false));
        return code;
    }

    /** The login page remembers where to send the owner's browser once they approve. */
    synchronized void rememberRedirect(String preAuthCode, String redirectUri, Instant now) {
        PreAuth code = usablePreAuth(preAuthCode, now);
        preAuthCodes.put(preAuthCode, new PreAuth(code.expiresAt(), redirectUri, false));
    }

    /** The owner approves: the pre_auth_code is spent, the account (re)authorized, a single-use code issued. */
    synchronized Approval approve(
            String preAuthCode,
            String authorizerAppId,
            List<Integer> funcScopes,
            Instant now,
            Duration authCodeLifetime) {
        PreAuth code = usablePreAuth(preAuthCode, now);
        preAuthCodes.put(preAuthCode, new PreAuth(code.expiresAt(), code.redirectUri(), true));
        Authorizer existing = authorizers.get(authorizerAppId);
        boolean renewal = existing != null && !existing.revoked();
        String refreshToken = renewal ? existing.refreshToken() : ComponentValues.refreshToken();
        authorizers.put(
                authorizerAppId,
                new Authorizer(authorizerAppId, List.copyOf(funcScopes), refreshToken, preAuthCode, false));
        String authCode = issueAuthCode(authorizerAppId, now, authCodeLifetime);
        return new Approval(
                authCode,
                authCodes.get(authCode).expiresAt(),
                code.redirectUri(),
                renewal ? "updateauthorized" : "authorized",
                preAuthCode);
    }

    /** The owner changes the permissions: a fresh code for the {@code updateauthorized} push. */
    synchronized Approval updateScopes(
            String authorizerAppId, List<Integer> funcScopes, Instant now, Duration authCodeLifetime) {
        Authorizer a = authorizerInForce(authorizerAppId);
        authorizers.put(
                authorizerAppId,
                new Authorizer(a.appId(), List.copyOf(funcScopes), a.refreshToken(), a.preAuthCode(), false));
        String authCode = issueAuthCode(authorizerAppId, now, authCodeLifetime);
        return new Approval(authCode, authCodes.get(authCode).expiresAt(), null, "updateauthorized", a.preAuthCode());
    }

    synchronized void revoke(String authorizerAppId) {
        Authorizer a = authorizerInForce(authorizerAppId);
        authorizers.put(authorizerAppId, new Authorizer(a.appId(), a.funcScopes(), null, a.preAuthCode(), true));
    }

    /** api_query_auth: each code works once, within its lifetime, for an authorization still in force. */
    synchronized Authorizer redeem(String authCode, Instant now) {
        AuthCode code = authCode == null ? null : authCodes.get(authCode);
        if (code == null || code.used()) {
            throw ComponentErrors.AUTH_CODE_INVALID.toException();
        }
        if (!now.isBefore(code.expiresAt())) {
            throw ComponentErrors.AUTH_CODE_EXPIRED.toException();
        }
        authCodes.put(authCode, new AuthCode(code.authorizerAppId(), code.expiresAt(), true));
        Authorizer a = authorizers.get(code.authorizerAppId());
        if (a == null || a.revoked()) {
            throw ComponentErrors.NOT_AUTHORIZED.toException();
        }
        return a;
    }

    /** The authorizer a code was issued for, if the code exists (for the api-call log). */
    synchronized Optional<String> authorizerOfCode(String authCode) {
        AuthCode code = authCode == null ? null : authCodes.get(authCode);
        return Optional.ofNullable(code).map(AuthCode::authorizerAppId);
    }

    /**
     * api_authorizer_token: only the current refresh token works; with {@code rotate} it is replaced by a new one
     * (the old then answers 61023). Returns the refresh token to hand out.
     */
    synchronized String refresh(String authorizerAppId, String refreshToken, boolean rotate) {
        Authorizer a = activeAuthorizer(authorizerAppId);
        if (refreshToken == null
                || !MessageDigest.isEqual(
                        a.refreshToken().getBytes(StandardCharsets.UTF_8),
                        refreshToken.getBytes(StandardCharsets.UTF_8))) {
            throw ComponentErrors.REFRESH_TOKEN_INVALID.toException();
        }
        if (!rotate) {
            return a.refreshToken();
        }
        Authorizer rotated = a.with(ComponentValues.refreshToken());
        authorizers.put(authorizerAppId, rotated);
        return rotated.refreshToken();
    }

    /** As if an api_authorizer_token answer had been lost: the refresh token moves on without the platform. */
    synchronized void loseRefreshToken(String authorizerAppId) {
        Authorizer a = authorizerInForce(authorizerAppId);
        authorizers.put(authorizerAppId, a.with(ComponentValues.refreshToken()));
    }

    /** The authorization in force, or 61003 for the WeChat API. */
    synchronized Authorizer activeAuthorizer(String authorizerAppId) {
        Authorizer a = authorizerAppId == null ? null : authorizers.get(authorizerAppId);
        if (a == null || a.revoked()) {
            throw ComponentErrors.NOT_AUTHORIZED.toException();
        }
        return a;
    }

    synchronized Optional<Authorizer> authorizer(String authorizerAppId) {
        return Optional.ofNullable(authorizers.get(authorizerAppId));
    }

    synchronized List<Authorizer> authorizers() {
        return authorizers.values().stream()
                .sorted(Comparator.comparing(Authorizer::appId))
                .toList();
    }

    synchronized void recordPush(Push push) {
        pushes.addLast(push);
        if (pushes.size() > PUSH_LOG_LIMIT) {
            pushes.removeFirst();
        }
    }

    synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    private String issueAuthCode(String authorizerAppId, Instant now, Duration lifetime) {
        authCodes.values().removeIf(code -> code.expiresAt().isBefore(now.minus(lifetime)));
        String code = ComponentValues.authCode();
        authCodes.put(code, new AuthCode(authorizerAppId, now.plus(lifetime), false));
        return code;
    }

    private PreAuth usablePreAuth(String preAuthCode, Instant now) {
        PreAuth code = preAuthCode == null ? null : preAuthCodes.get(preAuthCode);
        if (code == null || code.used() || !now.isBefore(code.expiresAt())) {
            throw new SandboxProblem(
                    HttpStatus.CONFLICT,
                    "invalid_pre_auth_code",
                    "pre_auth_code unknown, used or expired for component " + appId());
        }
        return code;
    }

    /** The authorization in force, or 404 for the admin API. */
    private Authorizer authorizerInForce(String authorizerAppId) {
        Authorizer a = authorizers.get(authorizerAppId);
        if (a == null || a.revoked()) {
            throw new SandboxProblem(
                    HttpStatus.NOT_FOUND,
                    "authorization_not_found",
                    "no authorization in force for " + authorizerAppId + " at component " + appId());
        }
        return a;
    }

    @Override
    public String toString() {
        return "SimulatedComponent[" + appId() + "]";
    }
}
