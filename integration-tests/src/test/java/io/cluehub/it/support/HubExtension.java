package io.cluehub.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub per test class: started before the class's {@code @BeforeAll} methods, stopped after its
 * {@code @AfterAll} methods, whatever happened in between. Every failed test logs the tail of {@code hub.log}.
 * <p>
 * Use as {@code @RegisterExtension static final HubExtension HUB = new HubExtension();}
 */
public final class HubExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(HubExtension.class);

    private HubProcess hub;

    @Override
    public void beforeAll(ExtensionContext context) {
        hub = HubProcess.start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (hub != null) {
            LOG.error("{} failed: {}\n{}", context.getDisplayName(), cause.toString(), hub.logTail());
        }
    }

    /** The running hub of the current test class. */
    public HubProcess hub() {
        if (hub == null) {
            throw new IllegalStateException("No hub: HubExtension must be a static @RegisterExtension field");
        }
        return hub;
    }
}
