package io.cluehub.intake;

import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.MappingException;
import io.cluehub.directory.Connection;
import io.cluehub.format.OfficeFormats;
import io.cluehub.schemas.validation.IssueCode;
import io.cluehub.schemas.validation.ValidationOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Step "map": turns what the sender sent into canonical JSON before anything reads it (DESIGN.md §4). The format is
 * the sender's directory format; a {@code ClueHubFormat} property may name {@code canonical} (an agency-format office
 * sending canonical JSON) or the office's own format, nothing else. A body may hold several messages (a CSV batch):
 * each becomes a row context of its own, decided and answered on its own. A body that cannot be mapped is rejected
 * with {@code MAPPING_FAILED} at the location in the agency's own message.
 */
@Component
public class InboundMapping {

    /** Exchange property holding the row contexts of a batch (more than one message in one body). */
    public static final String ROWS = "ClueHubIntakeRows";

    private final OfficeFormats formats;

    public InboundMapping(OfficeFormats formats) {
        this.formats = formats;
    }

    /** Maps the body; returns the row contexts when it held more than one message, else an empty list. */
    public List<IntakeContext> map(@ExchangeProperty(IntakeContext.PROPERTY) IntakeContext context) {
        Optional<AgencyFormat> format = formatOf(context);
        if (format.isEmpty()) {
            return List.of();
        }
        AgencyFormat agency = format.get();
        List<byte[]> messages;
        try {
            messages = agency.toCanonical(context.raw());
        } catch (MappingException e) {
            throw new RejectionException(ValidationOutcome.of(List.of(e.toIssue())));
        }
        if (messages.isEmpty()) {
            throw RejectionException.of(IssueCode.MAPPING_FAILED, "",
                    "The " + agency.id() + " body holds no message (a CSV file with only its header row?).");
        }
        context.mapped(agency, messages.get(0));
        if (messages.size() == 1) {
            return List.of();
        }
        List<IntakeContext> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            rows.add(context.forRow(i + 1, messages.get(i)));
        }
        return rows;
    }

    private Optional<AgencyFormat> formatOf(IntakeContext context) {
        Optional<AgencyFormat> own = formats.of(context.authenticatedOffice());
        String claimed = context.format();
        if (claimed == null || claimed.isBlank() || own.map(f -> f.id().equals(claimed)).orElse(false)) {
            return own;
        }
        if (Connection.CANONICAL_FORMAT.equals(claimed)) {
            return Optional.empty();
        }
        throw RejectionException.of(IssueCode.FORMAT_UNKNOWN, "",
                "ClueHubFormat names '" + abbreviate(claimed) + "', but this office speaks " + own.map(AgencyFormat::id)
                        .orElse("canonical") + " (its directory entry) or canonical JSON. Leave the property out "
                        + "to use the directory's format.");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
