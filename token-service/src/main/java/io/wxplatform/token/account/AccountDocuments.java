package io.wxplatform.token.account;

import io.wxplatform.token.secret.SealedSecret;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Maps {@link Account} to its MongoDB document and back. */
final class AccountDocuments {

    private AccountDocuments() {}

    static Document toDocument(Account account) {
        Document document = new Document("_id", account.appId())
                .append("tenantId", account.tenantId())
                .append("name", account.name())
                .append("type", account.type().name())
                .append("verified", account.verified())
                .append("mode", account.mode().name())
                .append("status", account.status().name())
                .append("secrets", secrets(account.secrets()))
                .append("createdAt", Date.from(account.createdAt()))
                .append("updatedAt", Date.from(account.updatedAt()));
        if (account.component() != null) {
            document.append("component", component(account.component()));
        }
        if (account.pendingEvent() != null) {
            document.append(
                    "pendingEvent",
                    new Document("type", account.pendingEvent().type())
                            .append("at", Date.from(account.pendingEvent().at())));
        }
        return document;
    }

    static Account fromDocument(Document d) {
        Document secrets = d.get("secrets", Document.class);
        Document pending = d.get("pendingEvent", Document.class);
        Document component = d.get("component", Document.class);
        return new Account(
                d.getString("_id"),
                d.getString("tenantId"),
                d.getString("name"),
                AccountType.valueOf(d.getString("type")),
                d.getBoolean("verified", false),
                AccountMode.valueOf(d.getString("mode")),
                AccountStatus.valueOf(d.getString("status")),
                new AccountSecrets(
                        sealed(secrets, "appSecret"),
                        sealed(secrets, "callbackToken"),
                        sealed(secrets, "encodingAesKey"),
                        sealed(secrets, "previousEncodingAesKey")),
                d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant(),
                pending == null
                        ? null
                        : new Account.PendingEvent(
                                pending.getString("type"), pending.getDate("at").toInstant()),
                component == null
                        ? null
                        : new Account.ComponentLink(
                                component.getString("componentAppId"),
                                component.getList("permissions", Integer.class)));
    }

    static Document component(Account.ComponentLink link) {
        return new Document("componentAppId", link.componentAppId())
                .append("permissions", List.copyOf(link.permissions()));
    }

    private static Document secrets(AccountSecrets secrets) {
        Document document = new Document();
        put(document, "appSecret", secrets.appSecret());
        put(document, "callbackToken", secrets.callbackToken());
        put(document, "encodingAesKey", secrets.encodingAesKey());
        put(document, "previousEncodingAesKey", secrets.previousEncodingAesKey());
        return document;
    }

    private static void put(Document document, String field, SealedSecret sealed) {
        if (sealed != null) {
            document.append(field, sealed.toDocument());
        }
    }

    private static SealedSecret sealed(Document secrets, String field) {
        return secrets == null ? null : SealedSecret.fromDocument(secrets.get(field, Document.class));
    }
}
