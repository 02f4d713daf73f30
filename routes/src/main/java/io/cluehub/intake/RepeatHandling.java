package io.cluehub.intake;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message whose (sender, messageId) the ledger already holds.
 * <ul>
 * <li>The same transport message again (a redelivery) while the decision is not known to have committed: the hub
 * stopped, or failed, between its database and broker commits. The broker transaction is atomic, so nothing of the
 * decision went out: the stored outbox is sent now.</li>
 * <li>Otherwise the office sent it again: it is archived and answered as a duplicate, and nothing is delivered again.
 * Its original either committed (and went out) or is still in doubt, in which case the original's own redelivery sends
 * the outbox.</li>
 * </ul>
 * Re-sending an outbox that had gone out would be refused by the broker as a whole (duplicate ids roll the transaction
 * back), which is why the two cases are told apart by transport id rather than by trying.
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
        boolean redelivery = prior.transportId() != null && prior.transportId().equals(context.transportId());
        if (redelivery && !prior.committed()) {
            LOG.info("Completing archive entry {} after an interrupted commit: sending its recorded messages again",
                    prior.archiveSeq());
            recorder.afterBrokerCommit(prior.sender(), prior.messageId());
            return outbox.load(prior.archiveSeq());
        }
        return recorder.record(decisions.duplicate(context));
    }
}
