package io.wxplatform.bench.sends;

import static io.wxplatform.bench.sends.SendsBenchmark.say;

import io.wxplatform.bench.callback.Account;
import io.wxplatform.bench.callback.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Mass sends to {@code followers} followers of one verified service account, by openid list (so messaging-service cuts
 * the job into batches of 10,000, each a {@code message/mass/send} with its own {@code clientmsgid}):
 *
 * <ul>
 *   <li>{@link #timed}: from the REST request to the job FINISHED, i.e. the last batch's MASSSENDJOBFINISH pushed by
 *       the sandbox to callback-service, published on {@code wx.inbound.v1} and recorded by messaging-service;
 *   <li>{@link #killed}: the sandbox answers the first batches late (having delivered them: {@code LATE_ANSWER}),
 *       messaging-service is killed ({@code kill -9}) while it waits for those answers and started again; the job
 *       must finish with every follower reached exactly once.
 * </ul>
 *
 * Both are counted at the sandbox per follower ({@code inbox-tally}), not from the platform's own figures.
 */
final class MassRun {

    private static final String APP_ID = "wxbe5eaa5500000001";
    private static final String OPEN_ID_PREFIX = "oMassBench";
    private static final int OPEN_ID_LENGTH = 28;
    /** Batches the kill run's sandbox answers late, and by how much: the kill comes while they wait. */
    private static final int LATE_BATCHES = 3;

    private static final Duration LATE_ANSWER = Duration.ofSeconds(10);

    private final int followers;
    private final Fleet fleet;
    private final MessagingProcess messaging;
    private final HttpClient http;
    private final String sandboxUrl;
    private final Account account;
    private final List<String> openIds;

    private MassRun(int followers, Fleet fleet, MessagingProcess messaging, Account account, List<String> openIds) {
        this.followers = followers;
        this.fleet = fleet;
        this.messaging = messaging;
        this.http = fleet.http();
        this.sandboxUrl = fleet.sandboxUrl();
        this.account = account;
        this.openIds = openIds;
    }

    /**
     * The account in the sandbox (its callbacks to callback-service) and in token-service (the fleet's tenant), its
     * followers in the sandbox; returns once messaging-service knows the account.
     */
    static MassRun prepare(int followers, Fleet fleet, MessagingProcess messaging, String tokenUrl, String callbackUrl)
            throws Exception {
        Account account =
                new Account(APP_ID, "gh_sendsmass", SendsBenchmark.secret(), "benchtoken", SendsBenchmark.aesKey());
        Map<String, Object> inSandbox = new LinkedHashMap<>();
        inSandbox.put("appId", account.appId());
        inSandbox.put("secret", account.appSecret());
        inSandbox.put("name", "Mass benchmark");
        inSandbox.put("originalId", account.originalId());
        inSandbox.put("callbackUrl", callbackUrl + "/wx/" + account.appId() + "/callback");
        inSandbox.put("token", account.callbackToken());
        inSandbox.put("encodingAesKey", account.encodingAesKey());
        inSandbox.put("encryptionMode", "SAFE");
        inSandbox.put("type", "SERVICE");
        inSandbox.put("verified", true);
        requireOk(Fleet.status(fleet.http(), fleet.sandboxUrl() + "/sandbox/accounts", null, inSandbox)
                .block());
        Tenants.registerAccounts(tokenUrl, fleet.tenantId(), List.of(account)).block();
        requireOk(Fleet.status(
                        fleet.http(),
                        fleet.sandboxUrl() + "/sandbox/accounts/" + account.appId() + "/followers/bulk",
                        null,
                        Map.of("count", followers, "openIdPrefix", OPEN_ID_PREFIX))
                .block());
        List<String> openIds = new ArrayList<>(followers);
        String format = "%s%0" + (OPEN_ID_LENGTH - OPEN_ID_PREFIX.length()) + "d";
        for (int i = 0; i < followers; i++) {
            openIds.add(String.format(format, OPEN_ID_PREFIX, i));
        }
        MassRun run = new MassRun(followers, fleet, messaging, account, openIds);
        run.awaitKnown();
        return run;
    }

    /** Seconds from the request to the job FINISHED; fails the benchmark if any follower was missed or reached twice. */
    double timed() throws Exception {
        String content = "mass-timed-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        String jobId = submit(content);
        JsonNode job = awaitFinished(jobId, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Tally tally = tally(content);
        say(String.format(
                "mass send to %d followers by openid list: %d batches, FINISHED (every MASSSENDJOBFINISH recorded) "
                        + "%.1f s after the request; WeChat's counts: sent %d, errors %d; sandbox: %d followers "
                        + "reached, %d more than once",
                followers,
                job.path("batchCount").asInt(),
                seconds,
                job.path("progress").path("sentCount").asLong(),
                job.path("progress").path("errorCount").asLong(),
                tally.followers(),
                tally.twiceOrMore()));
        if (tally.followers() != followers || tally.twiceOrMore() != 0) {
            throw new IllegalStateException("the timed mass send reached " + tally + " of " + followers);
        }
        return seconds;
    }

    /** messaging-service killed while the sandbox holds back its first batches' answers; counted per follower. */
    KillOutcome killed(Duration lease) throws Exception {
        String content = "mass-kill-" + UUID.randomUUID();
        requireOk(Fleet.status(
                        http,
                        sandboxUrl + "/sandbox/faults",
                        null,
                        Map.of(
                                "api",
                                "message/mass/send",
                                "kind",
                                "LATE_ANSWER",
                                "latencyMs",
                                LATE_ANSWER.toMillis(),
                                "count",
                                LATE_BATCHES))
                .block());
        String jobId = submit(content);
        // The late batches are delivered at once and answered 10 s later: kill while they wait, the others sent.
        JsonNode before = awaitJob(
                jobId,
                job -> job.path("progress").path("sent").asInt()
                                        + job.path("progress").path("delivered").asInt()
                                >= job.path("batchCount").asInt() - LATE_BATCHES
                        && tally(content).followers() == followers,
                Duration.ofMinutes(2));
        long killedAt = System.nanoTime();
        messaging.kill();
        say(String.format(
                "mass kill run: messaging-service killed (SIGKILL) with %d of %d batches recorded sent, while the "
                        + "sandbox held back the answers to %d it had delivered; started again at once (lease %d s)",
                before.path("progress").path("sent").asInt()
                        + before.path("progress").path("delivered").asInt(),
                before.path("batchCount").asInt(),
                LATE_BATCHES,
                lease.toSeconds()));
        messaging.restart();
        say(String.format("messaging-service answering again after %.1f s", (System.nanoTime() - killedAt) / 1e9));
        JsonNode job = awaitFinished(jobId, lease.plusMinutes(5));
        Tally tally = tally(content);
        StringBuilder batches = new StringBuilder();
        for (JsonNode batch : job.path("batches")) {
            batches.append(String.format(
                    " [%d %s attempts=%d msgId=%s]",
                    batch.path("index").asInt(),
                    batch.path("status").asString(),
                    batch.path("attempts").asInt(),
                    batch.path("msgId").asString("-")));
        }
        long lost = followers - tally.followers();
        long duplicated = tally.twiceOrMore();
        say(String.format(
                "mass kill run: job FINISHED %.1f s after the kill;%s; sandbox: %d of %d followers reached, %d more "
                        + "than once (%d deliveries)",
                (System.nanoTime() - killedAt) / 1e9,
                batches,
                tally.followers(),
                followers,
                duplicated,
                tally.deliveries()));
        return new KillOutcome(lost, duplicated);
    }

    private String submit(String content) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(messaging.baseUrl() + jobsPath()))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + fleet.adminToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(Fleet.json(
                        Map.of("openIds", openIds, "msgType", "text", "text", Map.of("content", content))))));
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "the mass send was answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return Fleet.JSON.readTree(response.body()).path("id").asString();
    }

    private JsonNode awaitFinished(String jobId, Duration within) throws InterruptedException {
        return awaitJob(jobId, job -> "FINISHED".equals(job.path("status").asString()), within);
    }

    private JsonNode awaitJob(String jobId, Predicate<JsonNode> done, Duration within) throws InterruptedException {
        return awaitAnswer(jobsPath() + "/" + jobId, done, within);
    }

    /** Until messaging-service knows the account (its jobs list answers 200). */
    private void awaitKnown() throws InterruptedException {
        awaitAnswer(jobsPath(), jobs -> true, Duration.ofMinutes(3));
    }

    /**
     * GETs {@code path} from messaging-service (the tenant admin's) until it answers 200 with a body that is
     * {@code done}, through its restarts; fails after {@code within} naming what it saw last.
     */
    private JsonNode awaitAnswer(String path, Predicate<JsonNode> done, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> response = trySend(HttpRequest.newBuilder(URI.create(messaging.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + fleet.adminToken())
                    .GET());
            if (response != null && response.statusCode() == 200) {
                last = Fleet.JSON.readTree(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100); // a command-line driver polling a status URL
        }
        throw new IllegalStateException("GET " + path + " not done within " + within + "; last seen: " + last);
    }

    record Tally(int followers, int deliveries, int twiceOrMore) {}

    private Tally tally(String content) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                        URI.create(sandboxUrl + "/sandbox/accounts/" + account.appId() + "/inbox-tally?source=MASS"))
                .timeout(Duration.ofSeconds(60))
                .GET());
        JsonNode found = Fleet.JSON.readTree(response.body()).path(content);
        return new Tally(
                found.path("followers").asInt(),
                found.path("deliveries").asInt(),
                found.path("twiceOrMore").asInt());
    }

    private String jobsPath() {
        return "/api/v1/tenants/" + fleet.tenantId() + "/accounts/" + account.appId() + "/mass-sends";
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer, or null while messaging-service is down or restarting. */
    private HttpResponse<byte[]> trySend(HttpRequest.Builder request) throws InterruptedException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException notAnswering) {
            return null;
        }
    }

    private static void requireOk(Integer status) {
        if (status == null || status / 100 != 2) {
            throw new IllegalStateException("the sandbox answered " + status);
        }
    }
}
