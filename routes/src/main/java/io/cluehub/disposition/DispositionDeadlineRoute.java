package io.cluehub.disposition;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every {@code cluehub.workflow.disposition.check-interval} (1 minute), on every instance: reminds of overdue clues
 * ({@link DispositionDeadlines}). A failed sweep is logged and retried at the next tick.
 */
@Component
public class DispositionDeadlineRoute extends RouteBuilder {

    private final DispositionProperties properties;

    public DispositionDeadlineRoute(DispositionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        long period = Math.max(1, properties.checkInterval().toMillis());
        from("timer:disposition-deadlines?period=" + period + "&delay=" + period)
                .routeId("disposition-deadlines")
                .autoStartup("{{cluehub.intake.enabled}}")
                .bean(DispositionDeadlines.class, "sweep").id("remind-overdue");
    }
}
