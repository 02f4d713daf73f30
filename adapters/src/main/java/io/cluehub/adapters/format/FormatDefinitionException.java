package io.cluehub.adapters.format;

/**
 * A format folder is broken: {@code format.yml} is missing or invalid, a mapping does not compile, a code list is
 * missing. Raised while the {@link FormatRegistry} loads, so a bad operator folder stops the hub at start-up instead of
 * rejecting every message of an agency later.
 */
public class FormatDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String folder;

    public FormatDefinitionException(String folder, String message) {
        this(folder, message, null);
    }

    public FormatDefinitionException(String folder, String message, Throwable cause) {
        super("Format folder " + folder + ": " + message, cause);
        this.folder = folder;
    }

    /** The folder (classpath location or directory) that holds the broken definition. */
    public String folder() {
        return folder;
    }
}
