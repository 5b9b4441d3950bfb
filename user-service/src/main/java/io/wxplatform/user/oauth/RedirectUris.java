package io.wxplatform.user.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account's redirect_uri allowlist, as pure logic. An entry is an origin and a path prefix
 * ({@code https://shop.example.com/wechat/}); a redirect_uri matches when its scheme, host and port are the entry's
 * and its path is the entry's path or continues it after a {@code /}. Anything that could make a browser land
 * elsewhere than it looks (user info, a fragment, dot segments, encoded slashes or dots, backslashes) never matches.
 */
final class RedirectUris {

    private static final Pattern TRICKY = Pattern.compile("(?i)(%2e|%2f|%5c|\\\\)");

    private RedirectUris() {}

    /** A valid allowlist entry in its normal form, or empty. */
    static Optional<String> entry(String value) {
        return parse(value).filter(uri -> uri.getRawQuery() == null).map(RedirectUris::normal);
    }

    /** Whether {@code redirectUri} is allowed by {@code entry} (an entry in its normal form). */
    static boolean allows(String entry, String redirectUri) {
        Optional<URI> candidate = parse(redirectUri);
        if (candidate.isEmpty()) {
            return false;
        }
        URI uri = candidate.get();
        String origin = origin(uri);
        URI allowed = URI.create(entry);
        if (!origin.equals(origin(allowed))) {
            return false;
        }
        String prefix = allowed.getRawPath();
        String path = path(uri);
        return path.equals(prefix) || prefix.endsWith("/") && path.startsWith(prefix) || path.startsWith(prefix + "/");
    }

    private static Optional<URI> parse(String value) {
        if (value == null
                || value.isBlank()
                || value.length() > 2048
                || TRICKY.matcher(value).find()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean web = scheme.equals("https") || scheme.equals("http");
        if (!web
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null
                || hasDotSegment(path(uri))) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String normal(URI uri) {
        return origin(uri) + path(uri);
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
