package io.wxplatform.token.internal;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.Account;
import io.wxplatform.token.account.AccountRepository;
import io.wxplatform.token.account.AccountSecrets;
import io.wxplatform.token.secret.SealedSecret;
import io.wxplatform.token.secret.SecretBox;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Opens an account's callback token and EncodingAESKeys (current first, then the previous one) for callback-service. */
@Component
class CallbackSettings {

    private final AccountRepository accounts;
    private final SecretBox secrets;

    CallbackSettings(AccountRepository accounts, SecretBox secrets) {
        this.accounts = accounts;
        this.secrets = secrets;
    }

    Mono<CallbackSettingsView> of(String appId) {
        return accounts.find(appId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + appId)))
                .map(this::view);
    }

    private CallbackSettingsView view(Account account) {
        AccountSecrets sealed = account.secrets();
        List<String> aesKeys = new ArrayList<>(2);
        addIfSet(aesKeys, account, sealed.encodingAesKey(), "encodingAesKey");
        addIfSet(aesKeys, account, sealed.previousEncodingAesKey(), "previousEncodingAesKey");
        String callbackToken = sealed.callbackToken() == null
                ? null
                : secrets.open(sealed.callbackToken(), AccountSecrets.context(account.appId(), "callbackToken"));
        return new CallbackSettingsView(
                account.appId(),
                account.tenantId(),
                account.mode().name(),
                callbackToken,
                List.copyOf(aesKeys),
                account.status().name());
    }

    private void addIfSet(List<String> keys, Account account, SealedSecret sealed, String field) {
        if (sealed != null) {
            keys.add(secrets.open(sealed, AccountSecrets.context(account.appId(), field)));
        }
    }
}
