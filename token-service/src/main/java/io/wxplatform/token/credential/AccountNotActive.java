package io.wxplatform.token.credential;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.AccountStatus;
import org.springframework.http.HttpStatus;

/**
 * There is no ACTIVE account to fetch a credential for: a caller gets 409 {@code ACCOUNT_NOT_ACTIVE} (404
 * {@code ACCOUNT_NOT_FOUND} when there is no account), the scheduler stops refreshing the credential.
 */
public final class AccountNotActive extends ApiException {

    private AccountNotActive(HttpStatus status, String code, String detail) {
        super(status, code, detail);
    }

    static AccountNotActive missing(String appId) {
        return new AccountNotActive(HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "no account " + appId);
    }

    static AccountNotActive in(String appId, AccountStatus status) {
        return new AccountNotActive(HttpStatus.CONFLICT, "ACCOUNT_NOT_ACTIVE", "account " + appId + " is " + status);
    }
}
