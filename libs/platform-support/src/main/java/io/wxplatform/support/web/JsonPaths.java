package io.wxplatform.support.web;

import tools.jackson.core.JacksonException;

/** The body field a JSON reading error is about ({@code reply.articles[1].url}), so a client can show it. */
final class JsonPaths {

    private JsonPaths() {}

    static String offendingField(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                return describe(json);
            }
        }
        return null;
    }

    private static String describe(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
