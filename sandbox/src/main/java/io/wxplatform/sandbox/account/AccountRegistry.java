package io.wxplatform.sandbox.account;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** The simulated accounts, by appId. */
@Component
public class AccountRegistry implements Resettable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();

    public Optional<Account> find(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(accounts.get(appId));
    }

    public Account require(String appId) {
        return find(appId).orElseThrow(() -> SandboxProblem.accountNotFound(appId));
    }

    public Collection<Account> all() {
        return accounts.values();
    }

    /**
     * Creates or replaces the account; fields left out take their defaults. Public so the component platform can
     * register the accounts an owner authorizes.
     */
    public Account put(AccountRequest request) {
        Account account = validated(new Account(
                request.appId(),
                request.secret(),
                request.name() != null ? request.name() : request.appId(),
                request.originalId() != null ? request.originalId() : generatedOriginalId(),
                request.callbackUrl(),
                request.token(),
                request.encodingAesKey(),
                request.encryptionMode() != null ? request.encryptionMode() : EncryptionMode.PLAIN,
                request.type() != null ? request.type() : AccountType.SERVICE,
                request.verified() == null || request.verified(),
                request.componentAppId()));
        accounts.put(account.appId(), account);
        return account;
    }

    /**
     * Creates {@code count} plain accounts at once (benchmarks of 100,000 accounts). They share one secret and one
     * type, and each name is its appId, so an account costs little more than its two ids.
     */
    BulkAccountsResult bulk(BulkAccountsRequest request) {
        BulkAppIds ids = BulkAppIds.of(request.appIdPrefix(), request.count());
        require(request.appSecret(), "appSecret");
        AccountType type = request.type() != null ? request.type() : AccountType.SERVICE;
        boolean verified = request.verified() == null || request.verified();
        for (int i = 0; i < ids.count(); i++) {
            String appId = ids.appId(i);
            accounts.put(
                    appId,
                    new Account(
                            appId,
                            request.appSecret(),
                            appId,
                            generatedOriginalId(),
                            null,
                            null,
                            null,
                            EncryptionMode.PLAIN,
                            type,
                            verified,
                            null));
        }
        return new BulkAccountsResult(ids.count(), ids.appId(0), ids.appId(ids.count() - 1));
    }

    /** Changes only the fields the patch sets. */
    Account patch(String appId, AccountRequest patch) {
        Account updated = accounts.computeIfPresent(
                appId,
                (id, a) -> validated(new Account(
                        id,
                        patch.secret() != null ? patch.secret() : a.secret(),
                        patch.name() != null ? patch.name() : a.name(),
                        patch.originalId() != null ? patch.originalId() : a.originalId(),
                        patch.callbackUrl() != null ? patch.callbackUrl() : a.callbackUrl(),
                        patch.token() != null ? patch.token() : a.token(),
                        patch.encodingAesKey() != null ? patch.encodingAesKey() : a.encodingAesKey(),
                        patch.encryptionMode() != null ? patch.encryptionMode() : a.encryptionMode(),
                        patch.type() != null ? patch.type() : a.type(),
                        patch.verified() != null ? patch.verified() : a.verified(),
                        patch.componentAppId() != null ? patch.componentAppId() : a.componentAppId())));
        if (updated == null) {
            throw SandboxProblem.accountNotFound(appId);
        }
        return updated;
    }

    @Override
    public void reset() {
        accounts.clear();
    }

    private static Account validated(Account a) {
        require(a.appId(), "appId");
        require(a.secret(), "secret");
        if (!a.originalId().startsWith("gh_")) {
            throw SandboxProblem.badRequest("originalId must start with gh_");
        }
        if (a.encodingAesKey() != null) {
            try {
                EncodingAesKey.parse(a.encodingAesKey());
            } catch (RuntimeException e) {
                throw SandboxProblem.badRequest("encodingAesKey must be 43 base64 characters");
            }
        }
        if (a.encryptionMode() != EncryptionMode.PLAIN) {
            require(a.encodingAesKey(), "encodingAesKey (for " + a.encryptionMode() + " mode)");
        }
        if (a.callbackUrl() != null) {
            if (!a.authorizedToComponent()) {
                require(a.token(), "token (callbacks are signed with it)");
            }
            if (!isHttpUrl(a.callbackUrl())) {
                throw SandboxProblem.badRequest("callbackUrl must be an absolute http(s) URL");
            }
        }
        return a;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw SandboxProblem.badRequest(name + " is required");
        }
    }

    private static String generatedOriginalId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "gh_" + HexFormat.of().formatHex(bytes);
    }
}
