package io.cluehub.intake;

import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message whose (sender, messageId) the ledger already holds. If the earlier decision fully committed, this is a
 * resend: it is archived and answered as a duplicate. If not, the hub stopped between its database and broker commits
 * while handling this very message: the stored outbox is sent again, and the broker's duplicate detection keeps
 * whatever had already gone out from going out twice.
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
        if (prior.committed()) {
            return recorder.record(decisions.duplicate(context));
        }
        LOG.info("Completing archive entry {} after an interrupted commit: sending its recorded messages again",
                prior.archiveSeq());
        recorder.afterBrokerCommit(prior.sender(), prior.messageId());
        return outbox.load(prior.archiveSeq());
    }
}
