package io.cluehub.schemas.validation;

/** Strict UTF-8 (RFC 3629) check: shortest forms only, no surrogates, nothing above U+10FFFF, and no NUL bytes. */
final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that starts an invalid sequence, or -1 when all of {@code b} is valid. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            if (c == 0) {
                return i;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !cont(b[i + 1])) {
                    return i;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
                    return i;
                }
                int c1 = b[i + 1] & 0xFF;
                // E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogates).
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
                    return i;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return i;
                }
                int c1 = b[i + 1] & 0xFF;
                // F0 needs 90..BF (no overlong), F4 needs 80..8F (nothing above U+10FFFF).
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
                    return i;
                }
                i += 4;
            } else {
                return i;
            }
        }
        return -1;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
