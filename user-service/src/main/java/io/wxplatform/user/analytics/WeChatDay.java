package io.wxplatform.user.analytics;

import io.wxplatform.wechat.api.UserCumulate;
import io.wxplatform.wechat.api.UserSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * One day of WeChat's follower figures: new and lost followers (all channels, and per channel as WeChat reports them)
 * and the followers at the day's end ({@code cumulateUsers}, null when WeChat gave none).
 */
public record WeChatDay(
        LocalDate day,
        long newUsers,
        long cancelUsers,
        long netUsers,
        Long cumulateUsers,
        List<Source> sources,
        Instant fetchedAt) {

    /** @param userSource WeChat's channel (0 other, 1 search, 17 business card, 30 QR code, …) */
    public record Source(int userSource, long newUsers, long cancelUsers) {}

    static WeChatDay of(LocalDate day, List<UserSummary> summary, UserCumulate cumulate, Instant fetchedAt) {
        List<Source> sources = new ArrayList<>();
        long newUsers = 0;
        long cancelUsers = 0;
        for (UserSummary row : summary) {
            sources.add(new Source(row.userSource(), row.newUsers(), row.cancelUsers()));
            newUsers += row.newUsers();
            cancelUsers += row.cancelUsers();
        }
        return new WeChatDay(
                day,
                newUsers,
                cancelUsers,
                newUsers - cancelUsers,
                cumulate == null ? null : cumulate.cumulateUsers(),
                sources,
                fetchedAt);
    }

    Document toDocument() {
        List<Document> rows = sources.stream()
                .map(s -> new Document("userSource", s.userSource())
                        .append("newUsers", s.newUsers())
                        .append("cancelUsers", s.cancelUsers()))
                .toList();
        return new Document("day", day.toString())
                .append("newUsers", newUsers)
                .append("cancelUsers", cancelUsers)
                .append("cumulateUsers", cumulateUsers)
                .append("sources", rows)
                .append("fetchedAt", Date.from(fetchedAt));
    }

    static WeChatDay fromDocument(Document doc) {
        List<Source> sources = doc.getList("sources", Document.class, List.of()).stream()
                .map(row -> new Source(
                        row.getInteger("userSource", 0), number(row.get("newUsers")), number(row.get("cancelUsers"))))
                .toList();
        long newUsers = number(doc.get("newUsers"));
        long cancelUsers = number(doc.get("cancelUsers"));
        Object cumulate = doc.get("cumulateUsers");
        return new WeChatDay(
                LocalDate.parse(doc.getString("day")),
                newUsers,
                cancelUsers,
                newUsers - cancelUsers,
                cumulate instanceof Number n ? n.longValue() : null,
                sources,
                doc.getDate("fetchedAt").toInstant());
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
