package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountRequest;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What happens at WeChat when a platform registers, an owner approves, changes or revokes, and tickets are due. */
@Component
class ComponentPlatform {

    /** What the owner's approval led to: the code, and the platform's answers to the redirect and the push. */
    record ApprovalOutcome(String authCode, Integer redirectStatus, Integer pushStatus) {}

    private final ComponentRegistry registry;
    private final AccountRegistry accounts;
    private final AuthEventPusher pusher;
    private final OwnerBrowser browser;
    private final VerifyTicketSchedule schedule;
    private final ComponentProperties props;
    private final Clock clock;

    ComponentPlatform(
            ComponentRegistry registry,
            AccountRegistry accounts,
            AuthEventPusher pusher,
            OwnerBrowser browser,
            VerifyTicketSchedule schedule,
            ComponentProperties props,
            Clock clock) {
        this.registry = registry;
        this.accounts = accounts;
        this.pusher = pusher;
        this.browser = browser;
        this.schedule = schedule;
        this.props = props;
        this.clock = clock;
    }

    /** Registers (or replaces) the component, pushes a first ticket at once, then one every interval. */
    Mono<SimulatedComponent> register(ComponentRequest request) {
        SimulatedComponent component = registry.put(validated(request));
        schedule.schedule(component.appId(), component.config().verifyTicketInterval(), pushTicket(component));
        return pushTicket(component).thenReturn(component);
    }

    Mono<AuthEventPusher.Outcome> pushTicket(SimulatedComponent component) {
        return Mono.defer(() -> {
            String ticket = component.newTicket(clock.instant(), props.ticketValidity());
            return pusher.push(
                    component,
                    "component_verify_ticket",
                    null,
                    PushXml.verifyTicket(component.appId(), clock.instant(), ticket));
        });
    }

    /** The owner approves on the login page: account registered, code issued, browser redirected, push sent. */
    Mono<ApprovalOutcome> approve(SimulatedComponent component, AuthorizationRequest request) {
        request.validate();
        SimulatedComponent.Approval approval = component.approve(
                request.preAuthCode(),
                request.authorizerAppId(),
                request.funcScopes(),
                clock.instant(),
                props.authCodeLifetime());
        registerAuthorizerAccount(component, request);
        Mono<Optional<Integer>> redirect = request.redirect() && approval.redirectUri() != null
                ? browser.returnTo(
                                approval.redirectUri(),
                                approval.authCode(),
                                props.authCodeLifetime().toSeconds())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                : Mono.just(Optional.empty());
        Mono<Optional<Integer>> push = request.push()
                ? pushAuthorization(component, request.authorizerAppId(), approval)
                : Mono.just(Optional.empty());
        // The browser returns first, then the push arrives: platforms must cope with either order (and with
        // only one of them), so tests switch each off and play the other themselves.
        return redirect.flatMap(
                r -> push.map(p -> new ApprovalOutcome(approval.authCode(), r.orElse(null), p.orElse(null))));
    }

    /** The owner changes the permissions: {@code updateauthorized} with a fresh code. */
    Mono<ApprovalOutcome> updateScopes(SimulatedComponent component, String authorizerAppId, List<Integer> funcScopes) {
        SimulatedComponent.Approval approval =
                component.updateScopes(authorizerAppId, funcScopes, clock.instant(), props.authCodeLifetime());
        return pushAuthorization(component, authorizerAppId, approval)
                .map(p -> new ApprovalOutcome(approval.authCode(), null, p.orElse(null)));
    }

    /** The owner revokes: the account's tokens stop working, its callbacks no longer go to the component. */
    Mono<Optional<Integer>> revoke(SimulatedComponent component, String authorizerAppId) {
        component.revoke(authorizerAppId);
        registry.forgetAuthorizerTokens(component.appId(), authorizerAppId);
        accounts.find(authorizerAppId)
                .filter(a -> component.appId().equals(a.componentAppId()))
                .ifPresent(a -> accounts.put(new AccountRequest(
                        a.appId(),
                        a.secret(),
                        a.name(),
                        a.originalId(),
                        null,
                        a.token(),
                        a.encodingAesKey(),
                        a.encryptionMode(),
                        a.type(),
                        a.verified(),
                        null)));
        return pusher.push(
                        component,
                        "unauthorized",
                        authorizerAppId,
                        PushXml.unauthorized(component.appId(), clock.instant(), authorizerAppId))
                .map(outcome -> Optional.ofNullable(outcome.status()));
    }

    private Mono<Optional<Integer>> pushAuthorization(
            SimulatedComponent component, String authorizerAppId, SimulatedComponent.Approval approval) {
        return pusher.push(
                        component,
                        approval.infoType(),
                        authorizerAppId,
                        PushXml.authorization(
                                component.appId(), clock.instant(), approval.infoType(), authorizerAppId, approval))
                .map(outcome -> Optional.ofNullable(outcome.status()));
    }

    /** Creates or updates the sandbox account; a direct account keeps its secret and original id. */
    private void registerAuthorizerAccount(SimulatedComponent component, AuthorizationRequest request) {
        Optional<Account> existing = accounts.find(request.authorizerAppId());
        String template = component.config().messageUrlTemplate();
        String callbackUrl = template == null ? null : template.replace("$APPID$", request.authorizerAppId());
        accounts.put(new AccountRequest(
                request.authorizerAppId(),
                existing.map(Account::secret).orElseGet(() -> ComponentValues.next("", 24)),
                request.name() != null
                        ? request.name()
                        : existing.map(Account::name).orElse(null),
                existing.map(Account::originalId).orElse(null),
                callbackUrl,
                existing.map(Account::token).orElse(null),
                existing.map(Account::encodingAesKey).orElse(null),
                existing.map(Account::encryptionMode).orElse(null),
                request.type() != null
                        ? request.type()
                        : existing.map(Account::type).orElse(AccountType.SERVICE),
                request.verified() != null
                        ? request.verified()
                        : existing.map(Account::verified).orElse(true),
                component.appId()));
    }

    private ComponentRequest validated(ComponentRequest r) {
        require(r.componentAppId(), "componentAppId");
        require(r.componentAppSecret(), "componentAppSecret");
        require(r.token(), "token");
        require(r.encodingAesKey(), "encodingAesKey");
        try {
            EncodingAesKey.parse(r.encodingAesKey());
        } catch (RuntimeException e) {
            throw SandboxProblem.badRequest("encodingAesKey must be 43 base64 characters");
        }
        requireHttpUrl(r.authEventUrl(), "authEventUrl");
        if (r.messageUrlTemplate() != null) {
            requireHttpUrl(r.messageUrlTemplate().replace("$APPID$", "wx"), "messageUrlTemplate");
        }
        Duration interval = r.verifyTicketInterval() != null ? r.verifyTicketInterval() : props.verifyTicketInterval();
        if (interval.isNegative() || !interval.isZero() && interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw SandboxProblem.badRequest("verifyTicketInterval must be PT0S (on demand) or at least 100 ms");
        }
        return new ComponentRequest(
                r.componentAppId(),
                r.componentAppSecret(),
                r.token(),
                r.encodingAesKey(),
                r.authEventUrl(),
                r.messageUrlTemplate(),
                interval);
    }

    private static void requireHttpUrl(String url, String name) {
        require(url, name);
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw SandboxProblem.badRequest(name + " must be an absolute http(s) URL");
    }

    static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw SandboxProblem.badRequest(name + " is required");
        }
    }
}
