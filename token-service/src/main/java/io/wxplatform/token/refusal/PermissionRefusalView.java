package io.wxplatform.token.refusal;

import java.time.Instant;

/**
 * One kind of WeChat permission refusal of an account, as its tenant sees it: the account passed WeChat's permission
 * table with the type and verification on record (or the permission sets granted), yet WeChat refused, so the
 * declaration (or the authorization) is wrong. One entry per API group (per API when the group is unknown).
 */
record PermissionRefusalView(
        String apiGroup, String api, int errcode, String errmsg, long count, Instant firstAt, Instant lastAt) {}
