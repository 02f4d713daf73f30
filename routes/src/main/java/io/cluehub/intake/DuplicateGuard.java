package io.cluehub.intake;

import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Step "de-duplicate": finds an earlier decision on the same (sender, messageId). The sender is the authenticated
 * office, so one office can never shadow another's messageIds.
 */
@Component
public class DuplicateGuard {

    private final IntakeLedger ledger;

    public DuplicateGuard(IntakeLedger ledger) {
        this.ledger = ledger;
    }

    public void check(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        if (context.messageId() != null) {
            ledger.find(context.authenticatedOffice(), context.messageId()).ifPresent(context::prior);
        }
    }

    public boolean isRepeat(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        return context.isRepeat();
    }
}
