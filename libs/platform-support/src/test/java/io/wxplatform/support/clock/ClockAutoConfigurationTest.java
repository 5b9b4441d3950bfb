package io.wxplatform.support.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ClockAutoConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class));

    @Test
    void servicesReadTheSystemClockInUtc() {
        context.run(app -> assertThat(app.getBean(Clock.class)).isEqualTo(Clock.systemUTC()));
    }

    @Test
    void aTestThatDrivesTimeKeepsItsOwnClock() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        context.withBean("testClock", Clock.class, () -> fixed)
                .run(app -> assertThat(app.getBean(Clock.class)).isSameAs(fixed));
    }
}
