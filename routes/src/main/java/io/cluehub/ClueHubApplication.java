package io.cluehub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Clue Hub: the message hub for the Article 4 working mechanisms. Scans every module under {@code io.cluehub}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClueHubApplication {

    /**
     * H2's shared value cache ({@code h2.objectCache}, a JVM-wide system property read once when H2 loads): every
     * string, number or byte array H2 makes, from a JDBC parameter or from a page read from the file, is hashed and
     * compared against one slot of a 1,024-entry array, so that equal values share one object. The hub's values are
     * message ids, hashes and JSON bodies that hardly ever repeat, so it only costs: 3.9 % of the hub's CPU samples at
     * full load (2026-12-07 16:31, async-profiler; bench/RESULTS.md), a third of them in the ledger's look-up, which
     * hashes every key of each index page it reads. Set only where nobody set it ({@code -Dh2.objectCache=true} still
     * wins).
     */
    static final String H2_OBJECT_CACHE = "h2.objectCache";

    public static void main(String[] args) {
        if (System.getProperty(H2_OBJECT_CACHE) == null) {
            System.setProperty(H2_OBJECT_CACHE, "false");
        }
        SpringApplication.run(ClueHubApplication.class, args);
    }
}
