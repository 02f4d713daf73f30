package io.cluehub.intake;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message whose (sender, messageId) the ledger already holds.
 * <ul>
 * <li>The same transport message again: a broker redelivery. A message comes back only if the broker transaction that
 * consumed it did not commit, and that transaction also carried every message sent because of it, so nothing of the
 * recorded decision went out (the hub stopped or failed between its database and broker commits). The recorded
 * outbox is sent now, and the decision is not taken again.</li>
 * <li>A different transport message: the office sent it again. It is archived and answered as a duplicate, and nothing
 * is delivered again; if its original is still in doubt, the original's own redelivery completes it.</li>
 * </ul>
 */
@Component
public class RepeatHandling {

    private static final Logger LOG = LoggerFactory.getLogger(RepeatHandling.class);

    private final Decisions decisions;
    private final DecisionRecorder recorder;
    private final OutboxStore outbox;

    public RepeatHandling(Decisions decisions, DecisionRecorder recorder, OutboxStore outbox) {
        this.decisions = decisions;
        this.recorder = recorder;
        this.outbox = outbox;
    }

    public List<OutboundMessage> handle(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        LedgerRecord prior = context.prior();
        if (prior.transportId() != null && prior.transportId().equals(context.transportId())) {
            LOG.info("Completing archive entry {} after an interrupted commit: sending its recorded messages",
                    prior.archiveSeq());
            return outbox.load(prior.archiveSeq());
        }
        return recorder.record(decisions.duplicate(context), context);
    }
}
