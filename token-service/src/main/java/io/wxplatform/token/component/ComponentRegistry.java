package io.wxplatform.token.component;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.secret.SealedSecret;
import io.wxplatform.token.secret.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The platform's components: their sealed secrets, their last good verify ticket, and what others may read. */
@Service
public class ComponentRegistry {

    private final ComponentRepository components;
    private final SecretBox secrets;
    private final Clock clock;
    private final ComponentProperties properties;

    ComponentRegistry(ComponentRepository components, SecretBox secrets, Clock clock, ComponentProperties properties) {
        this.components = components;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    /** What api_component_token needs. */
    public record TokenInputs(String appSecret, String verifyTicket) {

        @Override
        public String toString() {
            return "TokenInputs[***]";
        }
    }

    /** Empty when the component is unknown or has not received a verify ticket yet. */
    public Mono<TokenInputs> tokenInputs(String componentAppId) {
        return components
                .find(componentAppId)
                .filter(component -> component.ticket() != null)
                .map(component -> new TokenInputs(
                        open(component, component.appSecret(), "appSecret"),
                        open(component, component.ticket().value(), "ticket")));
    }

    Mono<ComponentView> put(String componentAppId, ComponentRequest request) {
        Map<String, String> violations = request.violations(componentAppId);
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.validation(violations));
        }
        return components
                .find(componentAppId)
                .map(existing -> open(existing, existing.encodingAesKey(), "encodingAesKey"))
                // The old key keeps decrypting pushes WeChat sent before it switched (aesKeys[1]).
                .map(oldKey -> oldKey.equals(request.encodingAesKey()) ? "" : oldKey)
                .defaultIfEmpty("")
                .flatMap(oldKey -> components.put(
                        componentAppId,
                        seal(componentAppId, request.appSecret(), "appSecret"),
                        seal(componentAppId, request.token(), "token"),
                        seal(componentAppId, request.encodingAesKey(), "encodingAesKey"),
                        oldKey.isEmpty() ? null : seal(componentAppId, oldKey, "previousEncodingAesKey"),
                        now()))
                .map(this::view);
    }

    Mono<ComponentView> view(String componentAppId) {
        return find(componentAppId).map(this::view);
    }

    /** Every component of the platform, with its ticket's age: the operator API's listing (a handful at most). */
    public Flux<ComponentView> views() {
        return components.all().map(this::view).sort(Comparator.comparing(ComponentView::componentAppId));
    }

    /** For callback-service: the component's Token and EncodingAESKeys, current first. */
    Mono<ComponentCallbackSettings> callbackSettings(String componentAppId) {
        return find(componentAppId).map(component -> {
            List<String> keys = new ArrayList<>(2);
            keys.add(open(component, component.encodingAesKey(), "encodingAesKey"));
            if (component.previousEncodingAesKey() != null) {
                keys.add(open(component, component.previousEncodingAesKey(), "previousEncodingAesKey"));
            }
            return new ComponentCallbackSettings(
                    componentAppId, open(component, component.token(), "token"), List.copyOf(keys));
        });
    }

    /** Keeps the ticket if it is newer than the stored one; true when it was stored. */
    Mono<Boolean> acceptTicket(String componentAppId, String ticket, long createTime) {
        return components.storeTicketIfNewer(componentAppId, seal(componentAppId, ticket, "ticket"), createTime, now());
    }

    Mono<PlatformComponent> find(String componentAppId) {
        return components
                .find(componentAppId)
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("COMPONENT_NOT_FOUND", "no component " + componentAppId)));
    }

    private ComponentView view(PlatformComponent component) {
        return ComponentView.of(component, clock.instant(), properties.ticketStaleAfter());
    }

    private SealedSecret seal(String componentAppId, String value, String field) {
        return secrets.seal(value, PlatformComponent.context(componentAppId, field));
    }

    private String open(PlatformComponent component, SealedSecret sealed, String field) {
        return secrets.open(sealed, PlatformComponent.context(component.componentAppId(), field));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
