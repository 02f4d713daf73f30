package io.cluehub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Clue Hub: the message hub for the Article 4 working mechanisms. Scans every module under {@code io.cluehub}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClueHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClueHubApplication.class, args);
    }
}
