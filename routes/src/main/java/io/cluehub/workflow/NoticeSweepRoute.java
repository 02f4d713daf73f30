package io.cluehub.workflow;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every {@code cluehub.workflow.notice-sweep} (30 s), on every instance: sends hub notices whose transaction committed
 * but whose messages are not known to have gone out (see {@link HubNotices}). A failed sweep is logged and retried at
 * the next tick.
 */
@Component
public class NoticeSweepRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:notice-sweep?period={{cluehub.workflow.notice-sweep}}&delay={{cluehub.workflow.notice-sweep}}")
                .routeId("notice-sweep")
                .autoStartup("{{cluehub.intake.enabled}}")
                .bean(HubNotices.class, "sweep").id("send-pending-notices");
    }
}
