package io.cluehub.intake;

import io.cluehub.adapters.format.AgencyFormat;
import io.cluehub.adapters.format.MappingException;
import io.cluehub.adapters.format.Syntax;
import io.cluehub.directory.Connection;
import io.cluehub.format.OfficeFormats;
import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Outbound mapping, per recipient after routing (DESIGN.md §4): the accepted canonical message in the recipient's own
 * format. A recipient whose format does not carry the message's type (receipts, info.share, consultations for the
 * reference formats) gets canonical JSON, marked {@code ClueHubFormat=canonical}. If the recipient's format should carry
 * it but cannot map this message (say, a category its code list lacks), the recipient still gets the message, in
 * canonical JSON, and the sender's receipt says so in a warning: nothing accepted is withheld.
 */
@Component
public class OutboundMapping {

    private final OfficeFormats formats;

    public OutboundMapping(OfficeFormats formats) {
        this.formats = formats;
    }

    /** One recipient's body: the bytes, the format id they are in, whether they are text, and any warning. */
    public record Mapped(byte[] body, String formatId, boolean text, Issue warning) {
    }

    public Mapped forRecipient(String officeId, String type, byte[] canonical) {
        Optional<AgencyFormat> format = formats.of(officeId);
        if (format.isEmpty() || !format.get().supports(type)) {
            return new Mapped(canonical, Connection.CANONICAL_FORMAT, true, null);
        }
        AgencyFormat agency = format.get();
        try {
            // CSV may be in a legacy charset (GB18030): only JSON and XML, always UTF-8, travel as text messages.
            return new Mapped(agency.fromCanonical(canonical), agency.id(), agency.syntax() != Syntax.CSV, null);
        } catch (MappingException e) {
            Issue warning = Issue.warning(IssueCode.MAPPING_FAILED, e.location(), "Delivered to " + officeId
                    + " in canonical JSON: its format " + agency.id() + " cannot carry this message. "
                    + e.diagnostics());
            return new Mapped(canonical, Connection.CANONICAL_FORMAT, true, warning);
        }
    }
}
