package io.wxplatform.token.secret;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code --wxplatform.secrets.reencrypt=true}: re-seals every secret under the active key at startup; the
 * application then exits (see {@code TokenServiceApplication}) with 1 if anything could not be opened.
 */
@Component
@ConditionalOnProperty(name = "wxplatform.secrets.reencrypt", havingValue = "true")
public class ReencryptionCommand implements ApplicationRunner, ExitCodeGenerator {

    /** Generous: a one-shot job over every account, sized for 100,000 of them. */
    private static final Duration DEADLINE = Duration.ofHours(1);

    private final SecretReencryption reencryption;
    private volatile SecretReencryption.Report report;

    ReencryptionCommand(SecretReencryption reencryption) {
        this.reencryption = reencryption;
    }

    /** Blocks on purpose: a command on the main thread, before the process exits; no event loop is involved. */
    @Override
    public void run(ApplicationArguments args) {
        report = reencryption.reencryptAll().block(DEADLINE);
    }

    public SecretReencryption.Report report() {
        return report;
    }

    @Override
    public int getExitCode() {
        return report != null && report.failed().isEmpty() ? 0 : 1;
    }
}
