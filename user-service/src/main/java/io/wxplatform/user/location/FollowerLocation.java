package io.wxplatform.user.location;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Where a follower last was, as their LOCATION events said (WeChat's CreateTime as {@code at}), and the locations
 * before it, newest first ({@code history}, left out of listings).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowerLocation(String appId, String openId, Point last, List<Point> history) {

    /** @param precision WeChat's precision of the fix */
    public record Point(double latitude, double longitude, double precision, Instant at) {

        Document toDocument() {
            return new Document("latitude", latitude)
                    .append("longitude", longitude)
                    .append("precision", precision)
                    .append("at", Date.from(at));
        }

        static Point fromDocument(Document doc) {
            return new Point(
                    number(doc, "latitude"),
                    number(doc, "longitude"),
                    number(doc, "precision"),
                    doc.getDate("at").toInstant());
        }

        private static double number(Document doc, String field) {
            Object value = doc.get(field);
            return value instanceof Number n ? n.doubleValue() : 0;
        }
    }

    static FollowerLocation fromDocument(Document doc, boolean withHistory) {
        List<Point> history = null;
        if (withHistory) {
            history = new ArrayList<>();
            for (Document point : doc.getList("history", Document.class, List.of())) {
                history.add(0, Point.fromDocument(point));
            }
        }
        return new FollowerLocation(doc.getString("appId"), doc.getString("openId"), Point.fromDocument(doc), history);
    }
}
