package io.cluehub.schemas.validation;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Check characters JSON Schema cannot compute: the GB 32100 check character of every {@code uscc} and the ISO 7064
 * MOD 11-2 check digit and birth date of every {@code idNumber}, wherever they appear. Values of the wrong shape are
 * left to the schema, which reports them as {@code SCHEMA_FORMAT}. Identity numbers are personal data: diagnostics never
 * repeat them.
 */
public final class IdentifierRulesModule implements ValidationModule {

    @Override
    public String name() {
        return "identifiers";
    }

    @Override
    public void validate(ValidationContext ctx) {
        LocalDate today = ctx.today();
        StringFields.walk(ctx.message(), (property, value, path) -> {
            if ("uscc".equals(property)) {
                checkUscc(ctx, value, path);
            } else if ("idNumber".equals(property)) {
                checkIdNumber(ctx, value, path, today);
            }
        });
    }

    private static void checkUscc(ValidationContext ctx, String value, StringFields.Path path) {
        if (!Identifiers.isUsccShaped(value)) {
            return;
        }
        char expected = Identifiers.usccCheckCharacter(value);
        if (value.charAt(17) != expected) {
            ctx.add(Issue.error(IssueCode.USCC_CHECK_CHARACTER, path.pointer(),
                    "Unified social credit code " + value + " fails its GB 32100 check: the 18th character should be '"
                            + expected + "' for the first 17 characters given, but it is '" + value.charAt(17)
                            + "'. Check the code for a mistyped character."));
        }
    }

    private static void checkIdNumber(ValidationContext ctx, String value, StringFields.Path path, LocalDate today) {
        if (!Identifiers.isIdNumberShaped(value)) {
            return;
        }
        if (value.charAt(17) != Identifiers.idNumberCheckDigit(value)) {
            ctx.add(Issue.error(IssueCode.ID_NUMBER_CHECK_DIGIT, path.pointer(),
                    "The resident identity number fails its ISO 7064 MOD 11-2 check digit (the 18th character does not "
                            + "match the first 17); check it for a mistyped digit. The number is not repeated here "
                            + "because it is personal data."));
            return;
        }
        Optional<LocalDate> birth = Identifiers.idNumberBirthDate(value);
        if (birth.isEmpty()) {
            ctx.add(Issue.error(IssueCode.ID_NUMBER_BIRTH_DATE, path.pointer(),
                    "Characters 7 to 14 of the resident identity number are not a real date (YYYYMMDD)."));
        } else if (birth.get().isAfter(today)) {
            ctx.add(Issue.error(IssueCode.ID_NUMBER_BIRTH_DATE, path.pointer(),
                    "The birth date in the resident identity number (characters 7 to 14) lies in the future."));
        } else if (birth.get().getYear() < 1900) {
            ctx.add(Issue.error(IssueCode.ID_NUMBER_BIRTH_DATE, path.pointer(),
                    "The birth date in the resident identity number (characters 7 to 14) is before 1900."));
        }
    }
}
