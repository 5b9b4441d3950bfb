package io.wxplatform.bench;

import io.wxplatform.bench.callback.CallbackBenchmark;
import io.wxplatform.bench.callback.CallbackKillFault;
import io.wxplatform.bench.callback.KafkaStopFault;
import io.wxplatform.bench.sends.SendsBenchmark;
import io.wxplatform.bench.sync.SyncBenchmark;
import io.wxplatform.bench.tokens.TokenBenchmark;

/** {@code bench/run.sh <name>}: runs one benchmark and exits with its status. */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        try {
            switch (name) {
                case "callback" -> CallbackBenchmark.main(args);
                case "tokens" -> TokenBenchmark.main(args);
                case "fault-callback-kill" -> CallbackKillFault.main(args);
                case "fault-kafka-stop" -> KafkaStopFault.main(args);
                case "sync" -> SyncBenchmark.main(args);
                case "sends" -> SendsBenchmark.main(args);
                default -> {
                    System.err.println("usage: bench/run.sh callback [--quick] | tokens [--accounts=N[,N...]]"
                            + " [--lifetime=300s] [--kill-one] | fault-callback-kill | fault-kafka-stop | sync [--quick] [--followers=N]"
                            + " | sends [--quick]");
                    System.exit(2);
                }
            }
        } catch (Throwable failure) {
            // The embedded broker's threads would keep the JVM alive: report and exit.
            System.out.println("benchmark failed: " + failure);
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
