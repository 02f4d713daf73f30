package io.cluehub.adapters.format;

import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.IssueCode;
import java.util.Objects;

/**
 * A message could not be mapped between an agency format and the canonical form. On the way in this is a rejection:
 * {@link #location()} names the place in the agency's own message (a JSON Pointer such as
 * {@code /neirong/weifa/0/leibie} for JSON, an XPath-like path such as
 * {@code /JingQingXianSuo/WeiFaXingWeiLieBiao/WeiFaXingWei[1]/LeiBie} for XML, {@code row 3, column wf1_leibie} for
 * CSV; {@code ""} for the whole message). On the way out, the input is the canonical message, so the location is a
 * JSON Pointer into it (e.g. {@code /payload/subjects/3}).
 *
 * <p>The message is a diagnostic for the integrator who must fix the message. It never quotes personal data: at most
 * a code the agency sent (an unknown category code, say) or a short token; and mapping failures carry no parser or
 * evaluator exception as their cause, since those quote the content they choked on.
 */
public class MappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String formatId;
    private final String location;

    public MappingException(String formatId, String location, String diagnostics) {
        this(formatId, location, diagnostics, null);
    }

    public MappingException(String formatId, String location, String diagnostics, Throwable cause) {
        super(Objects.requireNonNull(diagnostics, "diagnostics"), cause);
        this.formatId = formatId == null ? "" : formatId;
        this.location = location == null ? "" : location;
    }

    /** The id of the format whose mapping failed, e.g. {@code samr-json}. */
    public String formatId() {
        return formatId;
    }

    /** Where in the message the mapping failed; {@code ""} for the whole message. */
    public String location() {
        return location;
    }

    /** The sentence for the integrator (the exception message). */
    public String diagnostics() {
        return getMessage();
    }

    /** The rejection issue: {@code MAPPING_FAILED} at {@link #location()}, as receipts and REST problems carry it. */
    public Issue toIssue() {
        return Issue.error(IssueCode.MAPPING_FAILED, location, getMessage());
    }

    @Override
    public String toString() {
        return "MappingException[" + formatId + " at '" + location + "']: " + getMessage();
    }
}
