package io.cluehub.consultation;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every {@code cluehub.workflow.consultation.sweep}, on every instance: completes the sessions whose deadline passed
 * ({@link ConsultationDeadlines}). A failed sweep is logged and retried at the next tick; a session whose hub was down
 * at its deadline is completed at the first tick after the start.
 */
@Component
public class ConsultationDeadlineRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:consultation-deadlines?period={{cluehub.workflow.consultation.sweep}}"
                + "&delay={{cluehub.workflow.consultation.sweep}}")
                .routeId("consultation-deadlines")
                .autoStartup("{{cluehub.intake.enabled}}")
                .bean(ConsultationDeadlines.class, "sweep").id("complete-due-consultations");
    }
}
