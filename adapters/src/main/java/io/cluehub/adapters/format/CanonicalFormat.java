package io.cluehub.adapters.format;

import java.util.List;
import java.util.Optional;

/** The canonical JSON envelope itself: both mappings are the identity; validation says what is wrong. */
final class CanonicalFormat implements AgencyFormat {

    static final CanonicalFormat INSTANCE = new CanonicalFormat();

    private CanonicalFormat() {
    }

    @Override
    public String id() {
        return FormatRegistry.CANONICAL;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public Syntax syntax() {
        return Syntax.JSON;
    }

    @Override
    public String description() {
        return "The canonical JSON envelope of DESIGN.md section 4 (no mapping).";
    }

    @Override
    public boolean supports(String messageType) {
        return messageType != null;
    }

    @Override
    public List<byte[]> toCanonical(byte[] agencyBody) {
        return List.of(agencyBody == null ? new byte[0] : agencyBody);
    }

    @Override
    public byte[] fromCanonical(byte[] canonicalBody) {
        return canonicalBody;
    }

    @Override
    public Optional<String> agencyLocation(String messageType, String canonicalPointer, int messageIndex) {
        return Optional.ofNullable(canonicalPointer);
    }

    @Override
    public String toString() {
        return "AgencyFormat[canonical]";
    }
}
