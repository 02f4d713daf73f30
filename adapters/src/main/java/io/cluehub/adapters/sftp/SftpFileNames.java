package io.cluehub.adapters.sftp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The file-name contract of the SFTP channel (DESIGN.md §4). An office drops files in its pickup folder under plain
 * names; the hub refuses any name that could reach outside the folder or confuse a shell or a log: path separators
 * ({@code /} and {@code \}), {@code ..}, control characters, a leading dash, or more than 200 characters. Helper files
 * beside a message file are not messages: its detached signature {@code <name>.jws}, its done marker
 * {@code <name>.done}, and files still being written ({@code .part}, {@code .tmp}, and names starting with a dot).
 * The hub writes deliveries and receipts under names made only of the message id and an extension.
 */
public final class SftpFileNames {

    /** Suffix of the detached JWS signature that may sit beside a dropped file. */
    public static final String SIGNATURE_SUFFIX = ".jws";
    /** Suffix of the done marker, when the office uses done files. */
    public static final String DONE_SUFFIX = ".done";
    /** Suffix of a file the hub is still writing into an office's folder; renamed when complete. */
    public static final String PARTIAL_SUFFIX = ".part";

    private static final int MAX_LENGTH = 200;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private SftpFileNames() {
    }

    /** Why {@code name} may not be read as a message, or empty when it may. */
    public static Optional<String> refusal(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the file has no name");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("the name is longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("the name holds a path separator");
        }
        if (name.contains("..")) {
            return Optional.of("the name holds '..'");
        }
        if (name.startsWith("-")) {
            return Optional.of("the name starts with '-'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of("the name holds a control character");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is a helper file (signature, done marker, partial write, hidden), never a message. */
    public static boolean isHelper(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") || lower.endsWith(SIGNATURE_SUFFIX) || lower.endsWith(DONE_SUFFIX)
                || lower.endsWith(PARTIAL_SUFFIX) || lower.endsWith(".tmp");
    }

    /**
     * The name the hub writes a message under: {@code <id>.<extension>}. The id is a messageId the hub has validated
     * (a UUID); anything else is refused rather than written.
     *
     * @throws IllegalArgumentException if {@code id} or {@code extension} is not a plain token
     */
    public static String outgoing(String id, String extension) {
        if (id == null || !SAFE_ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("Not a safe message id for a file name: " + id);
        }
        if (!extension.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("Not a file extension: " + extension);
        }
        return id + "." + extension;
    }

    /** A name safe to show in a receipt or log for a refused file: separators and control characters replaced. */
    public static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && b.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
