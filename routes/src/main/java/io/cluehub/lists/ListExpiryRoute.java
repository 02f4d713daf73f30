package io.cluehub.lists;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Every {@code cluehub.workflow.lists.expiry-sweep} (1m), on every instance: expires shared-list entries whose
 * {@code effectiveTo} has passed and tells subscribers ({@link ListExpiry}). A failed run is logged and retried at the
 * next tick; the lists' row locks and conditional updates keep two instances from expiring an entry twice.
 */
@Component
public class ListExpiryRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:list-expiry?period={{cluehub.workflow.lists.expiry-sweep}}"
                + "&delay={{cluehub.workflow.lists.expiry-sweep}}")
                .routeId("list-expiry")
                .autoStartup("{{cluehub.intake.enabled}}")
                .bean(ListExpiry.class, "sweep").id("expire-list-entries");
    }
}
