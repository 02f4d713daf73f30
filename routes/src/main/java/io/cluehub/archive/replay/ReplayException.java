package io.cluehub.archive.replay;

/** A replay request the hub refuses, with the reason for the investigator (HTTP 400). */
public class ReplayException extends IllegalArgumentException {

    public ReplayException(String message) {
        super(message);
    }
}
