package io.cluehub.schemas.validation;

import io.cluehub.schemas.divisions.Divisions;
import java.util.Set;

/**
 * Division codes must exist in GB/T 2260: every {@code divisionCode} and the division part of every office id
 * ({@code SAMR-330106}; {@code 000000} is the national office) wherever they appear; an envelope recipient that names
 * no office is reported as {@code UNKNOWN_RECIPIENT}. Malformed values are left to the schema.
 */
public final class DivisionRulesModule implements ValidationModule {

    private static final Set<String> DEPARTMENTS = Set.of("CAC", "MPS", "MOFCOM", "MCT", "STA", "SAMR", "NRTA");
    private static final String NATIONAL = "000000";

    private final Divisions divisions;

    public DivisionRulesModule(Divisions divisions) {
        this.divisions = divisions;
    }

    @Override
    public String name() {
        return "divisions";
    }

    @Override
    public void validate(ValidationContext ctx) {
        StringFields.walk(ctx.message(), (property, value, path) -> {
            if ("divisionCode".equals(property)) {
                if (isSixDigits(value) && !divisions.exists(value)) {
                    ctx.add(Issue.error(IssueCode.DIVISION_UNKNOWN, path.pointer(),
                            "Division code " + value + " is not a GB/T 2260 administrative division code "
                                    + "(province, prefecture-level city or county-level division)."));
                }
            } else if (isOfficeId(value)) {
                String division = value.substring(value.length() - 6);
                if (!NATIONAL.equals(division) && !divisions.exists(division)) {
                    String pointer = path.pointer();
                    // A recipient that is no office is, to the sender, an unknown recipient.
                    IssueCode code = pointer.startsWith("/recipients/") ? IssueCode.UNKNOWN_RECIPIENT
                            : IssueCode.DIVISION_UNKNOWN;
                    ctx.add(Issue.error(code, pointer,
                            "Office id " + value + " names division " + division + ", which is not a GB/T 2260 "
                                    + "division code, so no such office exists; use 000000 for a national office."));
                }
            }
        });
    }

    /** {@code <DEPT>-<six digits>}, checked by hand: this runs on every string of every message. */
    static boolean isOfficeId(String s) {
        int n = s.length();
        if (n < 9 || n > 13 || s.charAt(n - 7) != '-') {
            return false;
        }
        return isSixDigits(s, n - 6) && DEPARTMENTS.contains(s.substring(0, n - 7));
    }

    private static boolean isSixDigits(String s) {
        return s.length() == 6 && isSixDigits(s, 0);
    }

    private static boolean isSixDigits(String s, int from) {
        for (int i = from; i < from + 6; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
