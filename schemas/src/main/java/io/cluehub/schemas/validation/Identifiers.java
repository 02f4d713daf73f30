package io.cluehub.schemas.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** Check characters of the identifiers subjects carry. Pure functions; safe to call from anywhere. */
public final class Identifiers {

    /** GB 32100 character set: digits and capital letters except I, O, S, V, Z, with values 0..30. */
    static final String USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private Identifiers() {}

    /**
     * Whether {@code uscc} has the shape of a unified social credit code (18 characters of the GB 32100 set, characters
     * 3 to 8 digits), regardless of its check character.
     */
    public static boolean isUsccShaped(String uscc) {
        if (uscc == null || uscc.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            char c = uscc.charAt(i);
            if (i >= 2 && i < 8 ? (c < '0' || c > '9') : USCC_CHARSET.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The GB 32100 check character for the first 17 characters of {@code uscc}. */
    public static char usccCheckCharacter(String uscc) {
        if (uscc == null || uscc.length() < 17) {
            throw new IllegalArgumentException("a unified social credit code needs 17 characters before its check");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC_CHARSET.indexOf(uscc.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a GB 32100 character at position " + (i + 1));
            }
            sum += v * USCC_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return USCC_CHARSET.charAt(check == 31 ? 0 : check);
    }

    /** Whether {@code uscc} is a unified social credit code whose check character is right. */
    public static boolean isValidUscc(String uscc) {
        return isUsccShaped(uscc) && uscc.charAt(17) == usccCheckCharacter(uscc);
    }

    /** Whether {@code id} has the shape of a resident identity number: 17 digits and a digit or capital X. */
    public static boolean isIdNumberShaped(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        char last = id.charAt(17);
        return (last >= '0' && last <= '9') || last == 'X';
    }

    /** The ISO 7064 MOD 11-2 check digit (GB 11643) for the first 17 digits of {@code id}. */
    public static char idNumberCheckDigit(String id) {
        if (id == null || id.length() < 17) {
            throw new IllegalArgumentException("a resident identity number needs 17 digits before its check");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at position " + (i + 1));
            }
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    /** The birth date in characters 7 to 14 of {@code id}, empty when they are not a real calendar date. */
    public static Optional<LocalDate> idNumberBirthDate(String id) {
        if (id == null || id.length() < 14) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(id, 6, 10, 10);
            int month = Integer.parseInt(id, 10, 12, 10);
            int day = Integer.parseInt(id, 12, 14, 10);
            return Optional.of(LocalDate.of(year, month, day));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code id} is a resident identity number with a right check digit and a real birth date not after today. */
    public static boolean isValidIdNumber(String id, LocalDate today) {
        if (!isIdNumberShaped(id) || id.charAt(17) != idNumberCheckDigit(id)) {
            return false;
        }
        Optional<LocalDate> birth = idNumberBirthDate(id);
        return birth.isPresent() && !birth.get().isAfter(today) && birth.get().getYear() >= 1900;
    }
}
