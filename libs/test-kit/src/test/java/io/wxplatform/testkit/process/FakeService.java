package io.wxplatform.testkit.process;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** Stands in for a Spring Boot service in {@link ServiceProcessIT}: reports its arguments and answers health. */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws IOException {
        System.out.println("jvm " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("args " + Arrays.toString(args));
        System.out.println("env FAKE_ENV=" + System.getenv("FAKE_ENV"));
        String failure = argument(args, "fail");
        if (failure != null) {
            System.out.println("failing on purpose: " + failure);
            System.exit(3);
        }
        HttpServer server = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.parseInt(argument(args, "server.port"))), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    private static String argument(String[] args, String name) {
        return Arrays.stream(args)
                .filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3))
                .findFirst()
                .orElse(null);
    }
}
