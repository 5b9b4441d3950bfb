package io.wxplatform.bench;

import io.wxplatform.bench.callback.CallbackBenchmark;

/** {@code bench/run.sh <name>}: runs one benchmark and exits with its status. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "" : args[0];
        switch (name) {
            case "callback" -> CallbackBenchmark.main(args);
            default -> {
                System.err.println("usage: bench/run.sh callback");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
