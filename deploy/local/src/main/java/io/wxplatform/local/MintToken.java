package io.wxplatform.local;

import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code token.sh <tenant|-> <role>...}: prints a token of the local platform's development issuer and nothing else,
 * so {@code TOKEN=$(./deploy/local/token.sh demo tenant-admin)} works. Signs with the key in
 * {@code data/dev-issuer/}, so the platform need not be running.
 */
public final class MintToken {

    private static final Duration TTL = Duration.ofHours(12);

    private MintToken() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: token.sh <tenantId | -> <role>...   roles: tenant-admin tenant-viewer "
                    + "platform-operator; '-' mints a token without a tenant (operators)");
            System.exit(2);
        }
        Path data =
                Path.of(System.getenv().getOrDefault("WXP_DATA_DIR", "data")).toAbsolutePath();
        String tenant = "-".equals(args[0]) ? null : args[0];
        String[] roles = Arrays.copyOfRange(args, 1, args.length);
        System.out.println(TestIssuer.mintOffline(
                LocalPlatform.devIssuerKey(data),
                "http://127.0.0.1:" + LocalPlatform.DEV_ISSUER_PORT,
                tenant,
                TTL,
                roles));
    }
}
