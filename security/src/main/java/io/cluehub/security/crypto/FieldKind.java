package io.cluehub.security.crypto;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a personal-data value is normalised before its blind index is computed, so that a search finds it however it
 * was typed: full-width digits and letters (common in Chinese input) become ASCII, case and spacing stop mattering.
 * A value must be indexed and searched with the same kind.
 */
public enum FieldKind {

    /** Any text: NFKC, trimmed, runs of white space as one space, upper case. */
    TEXT {
        @Override
        public String normalise(String value) {
            return nfkc(value).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        }
    },
    /** Resident identity number (or any id code): NFKC, no white space, upper case ({@code x} → {@code X}). */
    ID_NUMBER {
        @Override
        public String normalise(String value) {
            return nfkc(value).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        }
    },
    /** Name of a natural person: as {@link #TEXT}; {@code Li Example} and {@code li  example} match. */
    NAME {
        @Override
        public String normalise(String value) {
            return TEXT.normalise(value);
        }
    },
    /**
     * Phone number: digits only, without the +86 / 0086 country code, so {@code +86 138-0013-8000} and
     * {@code 13800138000} match.
     */
    PHONE {
        @Override
        public String normalise(String value) {
            String digits = nfkc(value).replaceAll("[^0-9]", "");
            if (digits.startsWith("0086")) {
                return digits.substring(4);
            }
            if (digits.startsWith("86") && digits.length() == 13) {
                return digits.substring(2);
            }
            return digits;
        }
    };

    public abstract String normalise(String value);

    private static String nfkc(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC);
    }
}
