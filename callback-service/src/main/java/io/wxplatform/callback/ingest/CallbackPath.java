package io.wxplatform.callback.ingest;

import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;

/**
 * One of the URLs registered with WeChat: {@code /wx/{appId}/callback} for direct accounts (GET is the URL
 * handshake), {@code /wx/component/{componentAppId}/{appId}/callback}, the component's message URL in its
 * {@code $APPID$} form, for authorized accounts, and {@code /wx/component/{componentAppId}/auth}, the component's
 * authorization event URL.
 *
 * @param appId          the account, null for component pushes
 * @param componentAppId the component, null for direct accounts
 */
record CallbackPath(Kind kind, String appId, String componentAppId) {

    enum Kind {
        DIRECT(Set.of(HttpMethod.GET, HttpMethod.POST)),
        AUTHORIZED(Set.of(HttpMethod.POST)),
        COMPONENT_PUSH(Set.of(HttpMethod.POST));

        private final Set<HttpMethod> allowed;

        Kind(Set<HttpMethod> allowed) {
            this.allowed = allowed;
        }

        Set<HttpMethod> allowed() {
            return allowed;
        }
    }

    static final String PREFIX = "/wx/";

    /** What an appid can look like; anything else is no account of ours, answered 404 without asking anyone. */
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The callback URL {@code path} is, or null when it is none of them. */
    static CallbackPath match(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        if (segments.length == 2 && segments[1].equals("callback")) {
            return new CallbackPath(Kind.DIRECT, segments[0], null);
        }
        if (segments.length == 3 && segments[0].equals("component") && segments[2].equals("auth")) {
            return new CallbackPath(Kind.COMPONENT_PUSH, null, segments[1]);
        }
        if (segments.length == 4 && segments[0].equals("component") && segments[3].equals("callback")) {
            return new CallbackPath(Kind.AUTHORIZED, segments[2], segments[1]);
        }
        return null;
    }

    /** The account or component the metrics and logs name. */
    String subject() {
        return appId != null ? appId : componentAppId;
    }

    /** Why the path cannot name an account or component of ours, or null when both ids can be appids. */
    RejectReason impossibleId() {
        if (componentAppId != null && !APP_ID.matcher(componentAppId).matches()) {
            return RejectReason.UNKNOWN_COMPONENT;
        }
        return appId != null && !APP_ID.matcher(appId).matches() ? RejectReason.UNKNOWN_APP : null;
    }
}
