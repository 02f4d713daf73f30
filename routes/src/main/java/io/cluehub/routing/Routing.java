package io.cluehub.routing;

import io.cluehub.intake.Delivery;
import io.cluehub.schemas.validation.Issue;
import java.util.List;

/** The outcome of routing one message: the deliveries, or the problems that make it unroutable. */
public record Routing(List<Delivery> deliveries, List<Issue> problems) {

    public Routing {
        deliveries = List.copyOf(deliveries);
        problems = List.copyOf(problems);
    }

    public boolean routable() {
        return problems.isEmpty() && !deliveries.isEmpty();
    }
}
