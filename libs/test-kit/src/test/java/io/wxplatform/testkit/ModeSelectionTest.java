package io.wxplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ModeSelectionTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("Docker was probed although the mode was forced");
    };

    @Test
    void autoUsesContainersWhenDockerRuns() {
        assertThat(ModeSelection.resolve("auto", "default", DOCKER).mode()).isEqualTo(Mode.CONTAINERS);
    }

    @Test
    void autoFallsBackToEmbeddedServersWithoutDocker() {
        ModeSelection selection = ModeSelection.resolve("auto", "default", NO_DOCKER);

        assertThat(selection.mode()).isEqualTo(Mode.EMBEDDED);
        assertThat(selection.reason()).contains("no Docker");
    }

    @Test
    void embeddedIsUsedWhenForcedWithoutProbingDocker() {
        assertThat(ModeSelection.resolve("EMBEDDED", "test", MUST_NOT_ASK).mode())
                .isEqualTo(Mode.EMBEDDED);
    }

    @Test
    void forcingContainersWithoutDockerFailsClearly() {
        assertThatThrownBy(() -> ModeSelection.resolve("containers", "test", NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'containers'")
                .hasMessageContaining("no Docker engine");
    }

    @Test
    void anUnknownModeIsRejected() {
        assertThatThrownBy(() -> ModeSelection.resolve("kubernetes", "test", NO_DOCKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, embedded or containers");
    }

    @Test
    void theSystemPropertyDecidesTheMode() {
        String previous = System.getProperty(ModeSelection.PROPERTY);
        System.setProperty(ModeSelection.PROPERTY, "embedded");
        try {
            ModeSelection selection = ModeSelection.fromEnvironment(MUST_NOT_ASK);

            assertThat(selection.mode()).isEqualTo(Mode.EMBEDDED);
            assertThat(selection.reason()).contains(ModeSelection.PROPERTY);
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(ModeSelection.PROPERTY);
        } else {
            System.setProperty(ModeSelection.PROPERTY, previous);
        }
    }
}
