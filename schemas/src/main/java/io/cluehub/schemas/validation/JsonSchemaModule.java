package io.cluehub.schemas.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates the message against the JSON Schema of its {@code type} in its {@code schemaVersion}. An unknown version
 * halts the chain ({@code SCHEMA_VERSION_UNKNOWN}); an unknown type is reported ({@code TYPE_UNKNOWN}) and the
 * envelope is still checked. A message without a usable {@code schemaVersion} is checked against the latest version,
 * which reports the missing or malformed property itself.
 */
public final class JsonSchemaModule implements ValidationModule {

    private final SchemaCatalog catalog;
    private final SchemaIssues issues;

    JsonSchemaModule(SchemaCatalog catalog, SchemaIssues issues) {
        this.catalog = catalog;
        this.issues = issues;
    }

    @Override
    public String name() {
        return "json-schema";
    }

    @Override
    public void validate(ValidationContext ctx) {
        JsonNode message = ctx.message();
        if (message == null || !message.isObject()) {
            ctx.add(Issue.error(IssueCode.SCHEMA_TYPE, "",
                    "The message must be a JSON object (the envelope of DESIGN.md section 4), but it is "
                            + (message == null ? "missing" : message.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                            + "."));
            ctx.halt();
            return;
        }
        SchemaCatalog.Version version;
        JsonNode sv = message.get("schemaVersion");
        if (sv != null && sv.isString()) {
            version = catalog.version(sv.stringValue());
            if (version == null) {
                ctx.add(Issue.error(IssueCode.SCHEMA_VERSION_UNKNOWN, "/schemaVersion",
                        "schemaVersion '" + clip(sv.stringValue()) + "' names no schema the hub has; the hub knows "
                                + String.join(", ", catalog.versionIds()) + "."));
                ctx.halt();
                return;
            }
        } else {
            version = catalog.latest();
        }
        Schema schema;
        String type = null;
        JsonNode t = message.get("type");
        if (t != null && t.isString()) {
            schema = version.types().get(t.stringValue());
            if (schema == null) {
                ctx.add(Issue.error(IssueCode.TYPE_UNKNOWN, "/type",
                        "type '" + clip(t.stringValue()) + "' is not a message type of schemaVersion " + version.id()
                                + "; use one of: " + String.join(", ", version.types().keySet()) + "."));
                schema = version.envelope();
            } else {
                type = t.stringValue();
            }
        } else {
            schema = version.envelope();
        }
        ctx.resolved(version.id(), type);
        List<Error> errors = schema.validate(message);
        if (!errors.isEmpty()) {
            for (Issue i : issues.toIssues(errors, null, "")) {
                ctx.add(i);
            }
        }
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
