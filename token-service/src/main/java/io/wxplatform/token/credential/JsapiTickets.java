package io.wxplatform.token.credential;

import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** jsapi_tickets of accounts as the internal API hands them out, through {@link CredentialEngine}. */
@Service
public class JsapiTickets {

    private final CredentialEngine engine;

    JsapiTickets(CredentialEngine engine) {
        this.engine = engine;
    }

    public Mono<IssuedTicket> current(String appId) {
        return engine.current(CredentialKind.JSAPI_TICKET, appId)
                .map(credential -> new IssuedTicket(
                        credential.appId(), engine.open(credential), credential.expiresAt(), credential.version()));
    }
}
