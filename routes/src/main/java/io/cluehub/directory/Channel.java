package io.cluehub.directory;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a connected office exchanges messages with the hub. */
public enum Channel {
    JMS,
    SFTP,
    REST;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
