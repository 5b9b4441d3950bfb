package io.wxplatform.token;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TokenServiceApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(TokenServiceApplication.class, args);
        // The re-encryption command (secret.ReencryptionCommand) has finished by now: exit instead of serving.
        if (context.getEnvironment().getProperty("wxplatform.secrets.reencrypt", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
