package io.cluehub.schemas.validation;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * The sentence an integrator reads when JSON cannot be parsed: where (line, column) and Jackson's reason, with any long
 * quoted token blanked, because the offending token may be personal data (an unquoted identity number, a name).
 * Shared by every reader of agency JSON so the redaction rule lives in one place.
 */
public final class JsonDiagnostics {

    private static final Pattern LONG_TOKEN = Pattern.compile("'[^']{9,}'");

    private JsonDiagnostics() {
    }

    /**
     * @param subject what was being read, e.g. {@code "body"}: the sentence starts "The body is not well-formed JSON"
     * @param maxEcho how many characters of Jackson's (redacted) reason to quote at most
     */
    public static String malformed(String subject, JacksonException e, int maxEcho) {
        StringBuilder text = new StringBuilder("The ").append(subject).append(" is not well-formed JSON");
        TokenStreamLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            text.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        String reason = e.getOriginalMessage();
        if (reason != null && !reason.isBlank()) {
            reason = LONG_TOKEN.matcher(reason.strip()).replaceAll("'…'");
            if (reason.length() > maxEcho) {
                reason = reason.substring(0, maxEcho) + "…";
            }
            text.append(": ").append(reason);
        }
        if (text.charAt(text.length() - 1) != '.') {
            text.append('.');
        }
        return text.toString();
    }
}
