package io.cluehub.archive.query;

/** A filter an investigator gave that the archive cannot search by; the message says which field and why (HTTP 400). */
public class FilterException extends IllegalArgumentException {

    public FilterException(String message) {
        super(message);
    }
}
