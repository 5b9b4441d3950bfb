package io.wxplatform.messaging.menu;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.wechat.api.Menu;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code menus}: one document per account, {@code {_id: appId, tenantId, menu, conditional: [{menuId, menu,
 * matchRule, createdAt}], updatedAt, pushedAt}}; {@code menu} is the tenant's desired default menu in the platform's
 * JSON (the REST shape), {@code pushedAt} when WeChat last took it. Every change is one single-document update.
 */
@Repository
class MenuStore {

    static final String COLLECTION = "menus";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoCollection<Document> menus;

    MenuStore(MongoDatabase database) {
        this.menus = database.getCollection(COLLECTION);
    }

    Mono<MenuView> find(String appId) {
        return Mono.from(menus.find(eq("_id", appId)).first()).map(MenuStore::view);
    }

    /** Stores the desired menu (the account's first change creates its document). */
    Mono<Void> saveDesired(String tenantId, String appId, Menu menu, Instant at) {
        return Mono.from(menus.updateOne(
                        eq("_id", appId),
                        Updates.combine(
                                Updates.set("menu", document(menu)),
                                Updates.set("updatedAt", Date.from(at)),
                                Updates.setOnInsert("tenantId", tenantId)),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    Mono<Void> pushed(String appId, Instant at) {
        return Mono.from(menus.updateOne(eq("_id", appId), Updates.set("pushedAt", Date.from(at))))
                .then();
    }

    Mono<Void> addConditional(String tenantId, String appId, StoredConditionalMenu conditional) {
        return Mono.from(menus.updateOne(
                        eq("_id", appId),
                        Updates.combine(
                                Updates.push("conditional", document(conditional)),
                                Updates.setOnInsert("tenantId", tenantId)),
                        new UpdateOptions().upsert(true)))
                .then();
    }

    Mono<Void> removeConditional(String appId, String menuId) {
        return Mono.from(menus.updateOne(eq("_id", appId), Updates.pull("conditional", Filters.eq("menuId", menuId))))
                .then();
    }

    /** WeChat's menu/delete removes the default menu and every conditional one: so does this. */
    Mono<Void> delete(String appId) {
        return Mono.from(menus.deleteOne(eq("_id", appId))).then();
    }

    private static MenuView view(Document doc) {
        List<StoredConditionalMenu> conditional = new ArrayList<>();
        for (Document one : doc.getList("conditional", Document.class, List.of())) {
            conditional.add(read(one, StoredConditionalMenu.class));
        }
        Document menu = doc.get("menu", Document.class);
        return new MenuView(
                doc.getString("_id"),
                menu == null ? null : read(menu, Menu.class),
                conditional,
                instant(doc.getDate("updatedAt")),
                instant(doc.getDate("pushedAt")));
    }

    private static Document document(Object value) {
        return Document.parse(JSON.writeValueAsString(value));
    }

    private static <T> T read(Document doc, Class<T> type) {
        return JSON.readValue(doc.toJson(), type);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
