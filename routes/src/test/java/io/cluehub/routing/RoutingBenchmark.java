package io.cluehub.routing;

import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryFile;
import io.cluehub.schemas.divisions.Division;
import io.cluehub.schemas.divisions.Divisions;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints the directory's load time (GB/T 2260 divisions, the demo directory, the competence table; cold, in a fresh
 * JVM) and competence resolutions per second on one thread over random divisions and categories. Not a test: run
 * {@code mvn -q -pl routes test-compile exec:java} (after {@code mvn -q install -DskipTests}).
 */
public final class RoutingBenchmark {

    private static final int MESSAGES = 4096;

    private RoutingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Divisions divisions = Divisions.gbt2260();
        Directory directory;
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/directory/demo-directory.yml")) {
            directory = DirectoryFile.read(in, "demo", divisions);
        }
        CompetenceTable competence;
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/routing/competence.yml")) {
            competence = CompetenceTable.read(in, "competence.yml");
        }
        long loadNanos = System.nanoTime() - start;
        int offices = 7 * (divisions.all().size() + 1);
        System.out.printf("directory load: %.1f ms (%d divisions, %d offices, %d connected)%n", loadNanos / 1e6,
                divisions.all().size(), offices, directory.connections().size());

        Router router = new Router(directory, competence);
        JsonMapper json = JsonMapper.builder().build();
        List<Division> all = new ArrayList<>(divisions.all());
        List<String> categories = new ArrayList<>(competence.asMap().keySet());
        Random random = new Random(42);
        JsonNode[] clues = new JsonNode[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            ObjectNode clue = json.createObjectNode();
            clue.put("type", "clue.transfer");
            ObjectNode payload = clue.putObject("payload");
            payload.putObject("jurisdiction").put("divisionCode", all.get(random.nextInt(all.size())).code());
            payload.withArray("violations").addObject().put("category", categories.get(random.nextInt(categories.size())));
            clues[i] = clue;
        }
        long sink = 0;
        // Warm-up, then three measured rounds of 3 s each.
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end; ) {
            for (JsonNode clue : clues) {
                sink += router.route("CAC-000000", clue).deliveries().size();
            }
        }
        for (int round = 1; round <= 3; round++) {
            long count = 0;
            long t0 = System.nanoTime();
            long end = t0 + 3_000_000_000L;
            while (System.nanoTime() < end) {
                for (JsonNode clue : clues) {
                    sink += router.route("CAC-000000", clue).deliveries().size();
                }
                count += MESSAGES;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %,.0f competence resolutions/s on one thread%n", round, count / seconds);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
