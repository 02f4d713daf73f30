package io.cluehub.schemas.validation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The state one validation shares across the modules of the chain. Not thread-safe; one per validation. */
public final class ValidationContext {

    private final JsonNode message;
    private final ValidationOptions options;
    private final Clock clock;
    private final List<Issue> issues = new ArrayList<>(4);
    private String schemaVersion;
    private String type;
    private boolean halted;

    ValidationContext(JsonNode message, ValidationOptions options, Clock clock) {
        this.message = message;
        this.options = options;
        this.clock = clock;
    }

    /** The whole message. */
    public JsonNode message() {
        return message;
    }

    public ValidationOptions options() {
        return options;
    }

    /**
     * The schema version the message is validated against (its {@code schemaVersion}, or the latest when it has none),
     * once the JSON Schema module has run.
     */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** The message's type when it is a type of its schema version, else {@code null}. */
    public String type() {
        return type;
    }

    /** Today's date by the validator's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public void add(Issue issue) {
        issues.add(issue);
    }

    /** Stops the chain after the current module: the message cannot be understood well enough to check further. */
    public void halt() {
        halted = true;
    }

    public boolean halted() {
        return halted;
    }

    /** The issues found so far. */
    public List<Issue> issues() {
        return Collections.unmodifiableList(issues);
    }

    void resolved(String schemaVersion, String type) {
        this.schemaVersion = schemaVersion;
        this.type = type;
    }
}
