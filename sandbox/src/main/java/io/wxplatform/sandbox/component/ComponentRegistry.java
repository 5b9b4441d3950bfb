package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.token.ForeignAccessTokens;
import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.sandbox.web.WeChatError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The simulated components, and every component and authorizer access token they were handed. */
@Component
class ComponentRegistry implements Resettable, ForeignAccessTokens {

    /** An access token handed out for a component (authorizer tokens also name the account they act for). */
    record IssuedAccess(String componentAppId, String authorizerAppId, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedAccess[" + componentAppId + ", " + authorizerAppId + ", expires " + expiresAt + "]";
        }
    }

    private final ConcurrentMap<String, SimulatedComponent> components = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedAccess> componentTokens = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, IssuedAccess> authorizerTokens = new ConcurrentHashMap<>();
    private final Clock clock;

    ComponentRegistry(Clock clock) {
        this.clock = clock;
    }

    SimulatedComponent put(ComponentRequest config) {
        SimulatedComponent component = new SimulatedComponent(config);
        components.put(config.componentAppId(), component);
        return component;
    }

    Optional<SimulatedComponent> find(String componentAppId) {
        return componentAppId == null ? Optional.empty() : Optional.ofNullable(components.get(componentAppId));
    }

    SimulatedComponent require(String componentAppId) {
        return find(componentAppId)
                .orElseThrow(() -> new SandboxProblem(
                        HttpStatus.NOT_FOUND, "component_not_found", "no component " + componentAppId));
    }

    Collection<SimulatedComponent> all() {
        return components.values();
    }

    String issueComponentToken(String componentAppId, Duration lifetime) {
        String token = ComponentValues.accessToken();
        Instant now = clock.instant();
        componentTokens.values().removeIf(t -> t.expiresAt().isBefore(now.minus(lifetime)));
        componentTokens.put(token, new IssuedAccess(componentAppId, null, now.plus(lifetime)));
        return token;
    }

    /**
     * The component a component_access_token belongs to; 41001 missing, 40001 unknown, 42001 expired, and 40001
     * when {@code componentAppId} (from the request body) names another component.
     */
    SimulatedComponent componentOf(String componentAccessToken, String componentAppId) {
        if (componentAccessToken == null || componentAccessToken.isBlank()) {
            throw ComponentErrors.COMPONENT_TOKEN_MISSING.toException();
        }
        IssuedAccess access = componentTokens.get(componentAccessToken);
        if (access == null || componentAppId != null && !componentAppId.equals(access.componentAppId())) {
            throw WeChatError.INVALID_CREDENTIAL.toException();
        }
        if (!clock.instant().isBefore(access.expiresAt())) {
            throw WeChatError.ACCESS_TOKEN_EXPIRED.toException();
        }
        return find(access.componentAppId()).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
    }

    String issueAuthorizerToken(String componentAppId, String authorizerAppId, Duration lifetime) {
        String token = ComponentValues.accessToken();
        Instant now = clock.instant();
        authorizerTokens.values().removeIf(t -> t.expiresAt().isBefore(now.minus(lifetime)));
        authorizerTokens.put(token, new IssuedAccess(componentAppId, authorizerAppId, now.plus(lifetime)));
        return token;
    }

    /** After a revocation the account's tokens are unknown, so they answer 40001 like any foreign token. */
    void forgetAuthorizerTokens(String componentAppId, String authorizerAppId) {
        authorizerTokens
                .values()
                .removeIf(t -> t.componentAppId().equals(componentAppId)
                        && t.authorizerAppId().equals(authorizerAppId));
    }

    /** The permission sets granted to the component an unexpired authorizer token acts for; empty for other tokens. */
    Optional<List<Integer>> grantedScopes(String accessToken) {
        IssuedAccess access = accessToken == null ? null : authorizerTokens.get(accessToken);
        if (access == null || !clock.instant().isBefore(access.expiresAt())) {
            return Optional.empty();
        }
        return find(access.componentAppId())
                .flatMap(component -> component.authorizer(access.authorizerAppId()))
                .filter(authorizer -> !authorizer.revoked())
                .map(SimulatedComponent.Authorizer::funcScopes);
    }

    /** The authorizer an access token acts for, empty if it is not an authorizer token; 42001 once expired. */
    @Override
    public Optional<String> appIdOf(String accessToken) {
        IssuedAccess access = accessToken == null ? null : authorizerTokens.get(accessToken);
        if (access == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(access.expiresAt())) {
            throw WeChatError.ACCESS_TOKEN_EXPIRED.toException();
        }
        return Optional.of(access.authorizerAppId());
    }

    @Override
    public void reset() {
        components.clear();
        componentTokens.clear();
        authorizerTokens.clear();
    }
}
