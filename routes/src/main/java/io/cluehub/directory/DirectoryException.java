package io.cluehub.directory;

/** A directory file that cannot be used; the message names the file and the offending entry. */
public class DirectoryException extends RuntimeException {

    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
