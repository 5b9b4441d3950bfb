package io.wxplatform.user.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The platform's own counts of one day from inbound events: subscribes, unsubscribes, their difference, and per QR
 * scene (subscribes through the code; unsubscribes of followers who had come through it). Subscribes by other ways
 * (search, business card, …) have no scene: WeChat's events do not say how.
 */
public record DailyDay(LocalDate day, long subscribes, long unsubscribes, long net, List<Scene> byScene) {

    public record Scene(String scene, long subscribes, long unsubscribes) {}

    static DailyDay empty(LocalDate day) {
        return new DailyDay(day, 0, 0, 0, List.of());
    }

    static DailyDay fromDocument(Document doc) {
        long subscribes = number(doc.get("subscribes"));
        long unsubscribes = number(doc.get("unsubscribes"));
        List<Scene> scenes = new ArrayList<>();
        Document byScene = doc.get("scenes", Document.class);
        if (byScene != null) {
            for (Map.Entry<String, Object> scene : byScene.entrySet()) {
                Document counts = (Document) scene.getValue();
                scenes.add(new Scene(
                        SceneKeys.decode(scene.getKey()),
                        number(counts.get("subscribes")),
                        number(counts.get("unsubscribes"))));
            }
        }
        return new DailyDay(
                LocalDate.parse(doc.getString("day")), subscribes, unsubscribes, subscribes - unsubscribes, scenes);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
