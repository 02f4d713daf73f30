package io.cluehub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.directory.Directory;
import io.cluehub.intake.Delivery;
import io.cluehub.schemas.divisions.Division;
import io.cluehub.support.Demo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property: for any division code (real or not), any sender and any mix of categories (covered or not), competence
 * routing ends at connected offices other than the sender, or in a clear rejection; never at an unconnected office.
 * Seeded so that a failure names the case that broke it and can be replayed.
 */
class RouterPropertyTest {

    private static final int CASES = 20_000;
    private static final Directory DIRECTORY = Demo.directory();
    private static final List<String> CATEGORIES = new ArrayList<>(Demo.competence().asMap().keySet());
    private static final List<String> SENDERS = DIRECTORY.connections().stream().map(c -> c.officeId()).sorted().toList();
    private static final List<Division> DIVISIONS = new ArrayList<>(DIRECTORY.divisions().all());

    private final Router router = new Router(DIRECTORY, Demo.competence());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyResolutionEndsAtAConnectedOfficeOrAClearRejection() {
        long seed = Long.getLong("cluehub.test.seed", 20261123L);
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String sender = SENDERS.get(random.nextInt(SENDERS.size()));
            String division = random.nextInt(10) == 0
                    ? String.format("%06d", random.nextInt(1_000_000))
                    : DIVISIONS.get(random.nextInt(DIVISIONS.size())).code();
            ObjectNode clue = json.createObjectNode();
            clue.put("type", "clue.transfer");
            ObjectNode payload = clue.putObject("payload");
            payload.putObject("jurisdiction").put("divisionCode", division);
            int count = 1 + random.nextInt(3);
            for (int c = 0; c < count; c++) {
                String category = random.nextInt(20) == 0 ? "uncovered-" + c
                        : CATEGORIES.get(random.nextInt(CATEGORIES.size()));
                payload.withArray("violations").addObject().put("category", category);
            }
            String description = "case " + i + " (seed " + seed + "): " + sender + " " + clue;

            Routing routing = router.route(sender, clue);

            if (routing.routable()) {
                assertThat(routing.deliveries()).as(description).allSatisfy(d -> {
                    assertThat(DIRECTORY.isConnected(d.deliveredTo())).isTrue();
                    assertThat(d.deliveredTo()).isNotEqualTo(sender);
                });
                assertThat(routing.deliveries()).extracting(Delivery::deliveredTo).as(description).doesNotHaveDuplicates();
            } else {
                assertThat(routing.problems()).as(description).isNotEmpty()
                        .allSatisfy(p -> assertThat(p.diagnostics()).isNotBlank());
            }
        }
    }
}
