package io.wxplatform.sandbox.account;

import io.wxplatform.sandbox.web.SandboxProblem;
import java.util.regex.Pattern;

/** The appIds of a bulk creation: the prefix, then the index in lower-case hex, zero-padded to 18 characters. */
record BulkAppIds(String prefix, int count) {

    static final int APP_ID_LENGTH = 18;
    /** Enough for the 100,000-account benchmark with room to spare; more would only exhaust the heap. */
    static final int MAX_COUNT = 1_000_000;

    private static final Pattern PREFIX = Pattern.compile("wx[0-9a-f]{0,15}");

    static BulkAppIds of(String prefix, Integer count) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw SandboxProblem.badRequest("appIdPrefix must be wx followed by at most 15 lower-case hex digits");
        }
        if (count == null || count < 1 || count > MAX_COUNT) {
            throw SandboxProblem.badRequest("count must be within 1.." + MAX_COUNT);
        }
        int digits = APP_ID_LENGTH - prefix.length();
        if (digits < 8 && count > 1L << (4 * digits)) {
            throw SandboxProblem.badRequest(
                    "appIdPrefix " + prefix + " leaves room for only " + (1L << (4 * digits)) + " accounts");
        }
        return new BulkAppIds(prefix, count);
    }

    String appId(int index) {
        String hex = Integer.toHexString(index);
        return prefix + "0".repeat(APP_ID_LENGTH - prefix.length() - hex.length()) + hex;
    }
}
