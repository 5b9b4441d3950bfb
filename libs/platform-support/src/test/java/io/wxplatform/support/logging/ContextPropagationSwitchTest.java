package io.wxplatform.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ContextPropagationSwitchTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LoggingAutoConfiguration.class));

    @Test
    void servicesGetAutomaticContextPropagationUnlessTheyTurnItOff() {
        context.run(app -> assertThat(app).hasSingleBean(LoggingAutoConfiguration.AutomaticContextPropagation.class));
        context.withPropertyValues("wxplatform.logging.context-propagation=false")
                .run(app ->
                        assertThat(app).doesNotHaveBean(LoggingAutoConfiguration.AutomaticContextPropagation.class));
    }
}
