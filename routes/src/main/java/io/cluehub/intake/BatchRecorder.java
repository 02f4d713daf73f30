package io.cluehub.intake;

import io.cluehub.archive.ArchiveDraft;
import io.cluehub.archive.ArchiveStore;
import java.util.List;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step "archive batch": a body holding several messages (a CSV file) is archived once, as it was received, in an entry
 * of kind {@code batch}; each of its rows is then decided and archived on its own, without the file's bytes, naming
 * its row. The same transport message seen again (a redelivery, or a file picked up again after a crash) is not
 * archived twice.
 */
@Component
public class BatchRecorder {

    static final String KIND_BATCH = "batch";

    private final TransactionTemplate databaseTransaction;
    private final ArchiveStore archive;
    private final JsonMapper json;
    private final PendingDecisions pending;

    public BatchRecorder(TransactionTemplate databaseTransaction, ArchiveStore archive, JsonMapper json,
            PendingDecisions pending) {
        this.databaseTransaction = databaseTransaction;
        this.archive = archive;
        this.json = json;
        this.pending = pending;
    }

    public void record(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context,
            @ExchangeProperty(InboundMapping.ROWS) List<IntakeContext> rows) {
        // The file's entry follows the decisions of the messages before it in an intake batch.
        pending.flush();
        databaseTransaction.executeWithoutResult(status -> {
            if (context.transportId() != null
                    && archive.exists(KIND_BATCH, context.authenticatedOffice(), context.transportId(),
                            context.rawSha256())) {
                return;
            }
            ObjectNode decision = json.createObjectNode();
            decision.put("status", "received");
            decision.put("rows", rows.size());
            if (context.sourceFile() != null) {
                decision.put("sourceFile", context.sourceFile());
            }
            archive.append(new ArchiveDraft(context.receivedAt(), KIND_BATCH, "received",
                    context.authenticatedOffice(), null, null, null, null, context.transportId(), context.rawSha256(),
                    context.raw(), json.writeValueAsString(decision), context.agencyFormatId(), null));
        });
    }
}
