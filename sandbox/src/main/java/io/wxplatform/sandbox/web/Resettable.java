package io.wxplatform.sandbox.web;

/** State that {@code POST /sandbox/reset} clears. */
public interface Resettable {

    void reset();
}
