package io.wxplatform.bench.sends;

import static io.wxplatform.bench.sends.SendsBenchmark.say;

import io.wxplatform.bench.callback.Account;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * messaging-service killed ({@code kill -9}) in the middle of a steady stream of REST sends, then started again on
 * the same port: every send it accepted (answered 202) must reach the sandbox exactly once, counted per message in
 * the followers' inboxes once nothing is left ACCEPTED. Sends whose answer the kill cut off were not accepted; they
 * may or may not arrive, but never twice.
 */
final class KillRestart {

    private final SendsBenchmark.Settings settings;
    private final Fleet fleet;
    private final MessagingProcess messaging;

    KillRestart(SendsBenchmark.Settings settings, Fleet fleet, MessagingProcess messaging) {
        this.settings = settings;
        this.fleet = fleet;
        this.messaging = messaging;
    }

    KillOutcome run() throws Exception {
        List<Account> accounts = fleet.accounts();
        String bearer = fleet.adminToken();
        String baseUrl = messaging.baseUrl();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicLong issued = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        AtomicBoolean sending = new AtomicBoolean(true);
        long period = (long) (1e9 / settings.killRate());
        Disposable load = Flux.interval(Duration.ofNanos(period))
                .onBackpressureDrop()
                .takeWhile(tick -> sending.get())
                .flatMap(
                        tick -> {
                            long n = issued.getAndIncrement();
                            Account account = accounts.get((int) (n % accounts.size()));
                            String id = "k" + n;
                            inFlight.incrementAndGet();
                            return Fleet.status(
                                            fleet.http(),
                                            baseUrl + fleet.sendsPath(account) + "/custom",
                                            bearer,
                                            Map.of(
                                                    "openId",
                                                    fleet.killFollower(account),
                                                    "msgType",
                                                    "text",
                                                    "text",
                                                    Map.of("content", id)))
                                    .doOnNext(status -> {
                                        if (status == 202) {
                                            accepted.add(id);
                                        } else {
                                            refused.incrementAndGet();
                                        }
                                    })
                                    .onErrorResume(error -> {
                                        unanswered.incrementAndGet();
                                        return reactor.core.publisher.Mono.empty();
                                    })
                                    .doFinally(signal -> inFlight.decrementAndGet());
                        },
                        100_000)
                .subscribe();
        say(String.format(
                "kill run: %.0f REST sends/s to messaging-service; kill -9 after %d s, started again at once; "
                        + "sending for %d s in all (lease %d s)",
                settings.killRate(),
                settings.killAfter().toSeconds(),
                settings.killSending().toSeconds(),
                settings.lease().toSeconds()));
        Thread.sleep(settings.killAfter().toMillis()); // the driver's schedule, not a wait for a condition
        long acceptedBeforeKill = accepted.size();
        long killedAt = System.nanoTime();
        messaging.kill();
        say(String.format(
                "messaging-service killed (SIGKILL) with %d sends accepted, %d still ACCEPTED in its database",
                acceptedBeforeKill, messaging.acceptedLeft()));
        messaging.restart();
        say(String.format("messaging-service answering again after %.1f s", (System.nanoTime() - killedAt) / 1e9));
        long rest = settings.killSending().toMillis()
                - settings.killAfter().toMillis()
                - (System.nanoTime() - killedAt) / 1_000_000;
        if (rest > 0) {
            Thread.sleep(rest);
        }
        sending.set(false);
        long answersDue = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < answersDue) {
            Thread.sleep(100);
        }
        load.dispose();
        say(String.format(
                "%d sends issued: %d accepted, %d refused, %d unanswered (cut off by the kill or the restart)",
                issued.get(), accepted.size(), refused.get(), unanswered.get()));

        // Sends the killed instance had claimed come back once their lease expires.
        long drainStarted = System.nanoTime();
        long drainDeadline = drainStarted + settings.lease().plusMinutes(2).toNanos();
        long left;
        while ((left = messaging.acceptedLeft()) > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(500);
        }
        say(String.format(
                "%d sends still ACCEPTED %.0f s after the sending stopped; %d SENT, %d FAILED in all",
                left,
                (System.nanoTime() - drainStarted) / 1e9,
                messaging.withStatus("SENT"),
                messaging.withStatus("FAILED")));

        Map<String, Integer> received = received(accounts);
        long lost = accepted.stream().filter(id -> !received.containsKey(id)).count();
        long duplicated = received.values().stream().filter(times -> times > 1).count();
        long unacceptedArrived =
                received.keySet().stream().filter(id -> !accepted.contains(id)).count();
        say(String.format(
                "sandbox received %d distinct kill-run messages: accepted and lost %d, sent twice or more %d, "
                        + "arrived although their answer was cut off %d",
                received.size(), lost, duplicated, unacceptedArrived));
        return new KillOutcome(lost, duplicated);
    }

    /** Per kill-run message id, how often it reached its follower's inbox at the sandbox. */
    private Map<String, Integer> received(List<Account> accounts) {
        String sandboxUrl = fleet.sandboxUrl();
        Map<String, Integer> received = new ConcurrentHashMap<>();
        Flux.fromIterable(accounts)
                .flatMap(
                        account -> Fleet.get(
                                fleet.http(),
                                sandboxUrl + "/sandbox/accounts/" + account.appId() + "/followers/"
                                        + fleet.killFollower(account) + "/inbox",
                                null),
                        16)
                .doOnNext(inbox -> {
                    for (JsonNode entry : inbox) {
                        String content = entry.path("content").asString("");
                        if ("CUSTOMER_SERVICE".equals(entry.path("source").asString()) && content.startsWith("k")) {
                            received.merge(content, 1, Integer::sum);
                        }
                    }
                })
                .blockLast();
        return new HashMap<>(received);
    }
}
