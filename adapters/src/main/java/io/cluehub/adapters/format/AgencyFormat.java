package io.cluehub.adapters.format;

import java.util.List;
import java.util.Optional;

/**
 * One agency's message format and the mapping between it and the canonical envelope (DESIGN.md §4). Implementations
 * are immutable and thread-safe; get them from {@link FormatRegistry}.
 *
 * <p>Inbound, {@link #toCanonical(byte[])} runs before validation: the hub validates what it returns. Outbound,
 * {@link #fromCanonical(byte[])} runs per recipient after routing, on the canonical message the hub accepted.
 */
public interface AgencyFormat {

    /** The format id an office's directory entry names, e.g. {@code samr-json}; {@code canonical} for the identity. */
    String id();

    /** The version of the format definition ({@code format.yml}), e.g. {@code 1.0}. */
    String version();

    /** The wire syntax of the agency's bodies. */
    Syntax syntax();

    /** One line on what the format is, from {@code format.yml}. */
    String description();

    /** Whether the format carries messages of {@code messageType} (e.g. {@code clue.transfer}) at all. */
    boolean supports(String messageType);

    /**
     * Maps an agency body to canonical JSON: one body (UTF-8 JSON bytes) per message, in the order the agency's body
     * holds them. A JSON or XML body yields exactly one; a CSV file yields one per data row (index {@code i} is row
     * {@code i + 1}), and none for a file holding only its header. The result is not validated yet.
     *
     * @throws MappingException naming the location in the agency's body (a CSV file is mapped whole or not at all)
     */
    List<byte[]> toCanonical(byte[] agencyBody);

    /**
     * Maps one canonical message (UTF-8 JSON) to the agency's syntax. For CSV the result is a whole file: the header
     * row and one data row.
     *
     * @throws MappingException with a JSON Pointer into the canonical message, e.g. when the message type is not
     *     {@linkplain #supports(String) supported} ({@code /type}) or a canonical code has no agency code
     */
    byte[] fromCanonical(byte[] canonicalBody);

    /**
     * Where the value at {@code canonicalPointer} of a message this format mapped in came from in the agency's body,
     * so that a validation issue found after mapping can name the agency's own field. Deeper pointers fall back to the
     * nearest mapped ancestor (e.g. {@code /payload/subjects/1/foo} to the agency's second subject).
     *
     * @param messageType the canonical message's {@code type}
     * @param canonicalPointer a JSON Pointer into the canonical message, e.g. {@code /payload/subjects/1/uscc}
     * @param messageIndex the index of the message in the list {@link #toCanonical(byte[])} returned (CSV row - 1)
     * @return the agency location, or empty when the format declares none for it (the caller keeps the canonical one)
     */
    Optional<String> agencyLocation(String messageType, String canonicalPointer, int messageIndex);
}
