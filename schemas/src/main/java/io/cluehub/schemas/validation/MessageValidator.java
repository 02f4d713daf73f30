package io.cluehub.schemas.validation;

import io.cluehub.schemas.divisions.Divisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Validates Clue Hub messages and says exactly what is wrong, shaped after HAPI FHIR's {@code FhirValidator}: a chain
 * of {@link ValidationModule}s (JSON Schema, identifiers, divisions, dates, replies, agency profile) each adding
 * {@link Issue}s to one {@link ValidationOutcome}. Issues are listed in the order their locations appear in the
 * message.
 *
 * <p>Create one with {@link #create(ValidatorSettings)} and share it: creating it loads and compiles every schema and
 * profile of every version; after that it is immutable and thread-safe.
 */
public final class MessageValidator {

    private final ValidatorSettings settings;
    private final MessageParser parser;
    private final SchemaCatalog catalog;
    private final List<ValidationModule> modules;

    private MessageValidator(ValidatorSettings settings, List<ValidationModule> extra) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parser = new MessageParser(settings);
        this.catalog = new SchemaCatalog();
        SchemaIssues issues = new SchemaIssues(catalog);
        List<ValidationModule> chain = new ArrayList<>();
        chain.add(new JsonSchemaModule(catalog, issues));
        chain.add(new IdentifierRulesModule());
        chain.add(new DivisionRulesModule(Divisions.gbt2260()));
        chain.add(new DateRulesModule());
        chain.add(new ReplyRulesModule());
        chain.add(new ProfileModule(catalog, issues));
        chain.addAll(extra);
        this.modules = List.copyOf(chain);
    }

    /** A validator with the standard chain. */
    public static MessageValidator create(ValidatorSettings settings) {
        return new MessageValidator(settings, List.of());
    }

    /** A validator with the standard chain followed by {@code additionalModules}, in order. */
    public static MessageValidator create(ValidatorSettings settings, List<ValidationModule> additionalModules) {
        return new MessageValidator(settings, List.copyOf(additionalModules));
    }

    /**
     * Reads a body: the size is checked before parsing, then strict UTF-8, then JSON with duplicate keys refused and
     * the settings' stream-read limits. Failures are {@link Severity#FATAL} issues and a {@code null} tree.
     */
    public ParseResult parse(byte[] body) {
        return parser.parse(body);
    }

    /** Parses {@code body} and, when it could be read, validates it. */
    public ValidationOutcome validate(byte[] body, ValidationOptions options) {
        ParseResult parsed = parser.parse(body);
        if (!parsed.readable()) {
            return parsed.outcome();
        }
        return validate(parsed.json(), options);
    }

    /** Runs the chain over {@code message}. */
    public ValidationOutcome validate(JsonNode message, ValidationOptions options) {
        ValidationContext ctx = new ValidationContext(
                message, options == null ? ValidationOptions.defaults() : options, settings.clock());
        for (ValidationModule module : modules) {
            module.validate(ctx);
            if (ctx.halted()) {
                break;
            }
        }
        return ValidationOutcome.of(DocumentOrder.sort(message, ctx.issues()));
    }

    public ValidatorSettings settings() {
        return settings;
    }

    /** The schema versions this validator can validate against, oldest first. */
    public Set<String> schemaVersions() {
        return catalog.versionIds();
    }

    /** The message types of {@code schemaVersion}; empty for a version the validator does not have. */
    public Set<String> types(String schemaVersion) {
        SchemaCatalog.Version v = catalog.version(schemaVersion);
        return v == null ? Set.of() : v.types().keySet();
    }

    /** The agency profiles written for {@code schemaVersion}, e.g. {@code sta}. */
    public Set<String> profiles(String schemaVersion) {
        SchemaCatalog.Version v = catalog.version(schemaVersion);
        return v == null ? Set.of() : v.profiles().keySet();
    }

    /** The modules of the chain, in the order they run. */
    public List<ValidationModule> modules() {
        return modules;
    }
}
