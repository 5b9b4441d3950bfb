package io.wxplatform.bench.sync;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: a bare JDK {@link HttpClient} paging the same sandbox APIs a sync uses, as a hand-written script
 * would: {@code user/get} page by page until the empty last one, each page read with {@code user/info/batchget} in
 * hundreds, the same number in flight as user-service's {@code batch-concurrency}, every answer parsed, nothing
 * stored.
 */
final class BarePaging {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 100;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String wechatUrl;
    private final String accessToken;
    private final int concurrency;

    BarePaging(String wechatUrl, String accessToken, int concurrency) {
        this.wechatUrl = wechatUrl;
        this.accessToken = accessToken;
        this.concurrency = concurrency;
    }

    /** Every follower's info read once; returns how many. */
    long readAll() throws Exception {
        AtomicLong read = new AtomicLong();
        String next = "";
        while (true) {
            JsonNode page =
                    get("/cgi-bin/user/get?access_token=" + encode(accessToken) + "&next_openid=" + encode(next));
            List<String> openIds = new ArrayList<>();
            page.path("data").path("openid").forEach(id -> openIds.add(id.asString()));
            next = page.path("next_openid").asString("");
            if (openIds.isEmpty() || next.isEmpty()) {
                return read.get();
            }
            batchGetAll(openIds, read);
        }
    }

    private void batchGetAll(List<String> openIds, AtomicLong read) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int from = 0; from < openIds.size(); from += BATCH) {
            List<String> batch = openIds.subList(from, Math.min(openIds.size(), from + BATCH));
            StringBuilder body = new StringBuilder("{\"user_list\":[");
            for (int i = 0; i < batch.size(); i++) {
                body.append(i == 0 ? "" : ",")
                        .append("{\"openid\":\"")
                        .append(batch.get(i))
                        .append("\",\"lang\":\"zh_CN\"}");
            }
            body.append("]}");
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(wechatUrl + "/cgi-bin/user/info/batchget?access_token=" + encode(accessToken)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenAccept(response -> read.addAndGet(count(response.body())))
                    .whenComplete((done, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }

    private static long count(byte[] body) {
        JsonNode answer = JSON.readTree(body);
        if (answer.path("errcode").asInt(0) != 0) {
            throw new IllegalStateException("batchget failed: " + answer);
        }
        return answer.path("user_info_list").size();
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(wechatUrl + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = JSON.readTree(response.body());
        if (answer.path("errcode").asInt(0) != 0) {
            throw new IllegalStateException("user/get failed: " + answer);
        }
        return answer;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
