package io.wxplatform.token.component;

import io.wxplatform.events.ComponentEvent;
import io.wxplatform.token.account.AuthorizedAccounts;
import io.wxplatform.token.credential.ComponentTokens;
import io.wxplatform.wechat.protocol.AuthorizationPush;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.UnauthorizedPush;
import io.wxplatform.wechat.protocol.VerifyTicketPush;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What each component push does; runs once per push (the consumer's event ledger). */
@Component
class ComponentEventHandler {

    private static final Logger log = LoggerFactory.getLogger(ComponentEventHandler.class);

    private final ComponentRegistry registry;
    private final ComponentTokens componentTokens;
    private final Authorizations authorizations;
    private final AuthorizedAccounts accounts;

    ComponentEventHandler(
            ComponentRegistry registry,
            ComponentTokens componentTokens,
            Authorizations authorizations,
            AuthorizedAccounts accounts) {
        this.registry = registry;
        this.componentTokens = componentTokens;
        this.authorizations = authorizations;
        this.accounts = accounts;
    }

    Mono<?> handle(ComponentEvent event) {
        ComponentPush push = event.push();
        if (push instanceof VerifyTicketPush ticket) {
            return verifyTicket(ticket);
        }
        if (push instanceof AuthorizationPush authorization) {
            return "authorized".equals(authorization.infoType())
                    ? authorizations.pushed(authorization)
                    : authorizations.permissionsChanged(
                            authorization.componentAppId(), authorization.authorizerAppId());
        }
        if (push instanceof UnauthorizedPush revoked) {
            return accounts.revoke(revoked.authorizerAppId(), revoked.componentAppId())
                    .doOnNext(account -> log.warn(
                            "{} revoked the authorization of component {}; account is {}",
                            account.appId(),
                            revoked.componentAppId(),
                            account.status()));
        }
        log.info("Ignored component push {}", event);
        return Mono.empty();
    }

    private Mono<Void> verifyTicket(VerifyTicketPush push) {
        if (push.ticket() == null || push.ticket().isBlank()) {
            return Mono.empty();
        }
        return registry.acceptTicket(push.componentAppId(), push.ticket(), push.createTime())
                .flatMap(stored -> {
                    if (!stored) {
                        log.info(
                                "Kept the stored verify ticket of {}: the pushed one is not newer (or the "
                                        + "component is unknown)",
                                push.componentAppId());
                        return Mono.empty();
                    }
                    log.debug("Stored a verify ticket of {} created at {}", push.componentAppId(), push.createTime());
                    return componentTokens.ticketArrived(push.componentAppId());
                });
    }
}
