package io.cluehub.adapters.format;

import java.util.Locale;

/** The wire syntax of an agency format: what its bodies are made of on the channel. */
public enum Syntax {
    /** JSON in UTF-8; one message per body. */
    JSON("application/json", "json"),
    /** XML (UTF-8 unless its declaration says otherwise); one message per document; no DTDs, no entities. */
    XML("application/xml", "xml"),
    /** Delimited text with a header row; one clue per row, so one body may hold many messages. */
    CSV("text/csv", "csv");

    private final String mediaType;
    private final String fileExtension;

    Syntax(String mediaType, String fileExtension) {
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    /** The media type of a body in this syntax, e.g. for a REST response or an SFTP drop's manifest. */
    public String mediaType() {
        return mediaType;
    }

    /** The file name extension of an SFTP drop in this syntax, without the dot. */
    public String fileExtension() {
        return fileExtension;
    }

    /** The syntax named in a {@code format.yml} ({@code json}, {@code xml} or {@code csv}); {@code null} if none. */
    static Syntax byName(String name) {
        if (name == null) {
            return null;
        }
        for (Syntax s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }
}
