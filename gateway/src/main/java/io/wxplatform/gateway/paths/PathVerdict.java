package io.wxplatform.gateway.paths;

/** What the edge does with a request path before any route is considered. */
public enum PathVerdict {
    /** Ordinary path: let the routes decide. */
    ROUTE,
    /** Service-to-service API: never reachable from outside, and indistinguishable from a path that does not exist. */
    NOT_FOUND,
    /** Dot segments or encoded separators: a downstream might resolve them differently than our route predicates. */
    BAD_REQUEST
}
