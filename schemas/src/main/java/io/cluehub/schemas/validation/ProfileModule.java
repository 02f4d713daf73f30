package io.cluehub.schemas.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;

/**
 * Applies the sender's agency profile, chosen by {@link ValidationOptions#profile()}, on top of the base schema, as a
 * FHIR profile constrains a base resource. A profile is a JSON Schema in {@code <version>/profiles/<id>.json}; every
 * breach is reported as {@code PROFILE_CONSTRAINT}. A profile the hub does not have is an error
 * ({@code PROFILE_UNKNOWN}): the hub never silently validates less than the directory asks for.
 */
public final class ProfileModule implements ValidationModule {

    private final SchemaCatalog catalog;
    private final SchemaIssues issues;

    ProfileModule(SchemaCatalog catalog, SchemaIssues issues) {
        this.catalog = catalog;
        this.issues = issues;
    }

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public void validate(ValidationContext ctx) {
        String profile = ctx.options().profile();
        if (profile == null || ctx.schemaVersion() == null) {
            return;
        }
        SchemaCatalog.Version version = catalog.version(ctx.schemaVersion());
        Schema schema = version == null ? null : version.profiles().get(profile);
        if (schema == null) {
            ctx.add(Issue.error(IssueCode.PROFILE_UNKNOWN, "",
                    "The sender's directory entry names agency profile '" + profile + "', which schemaVersion "
                            + ctx.schemaVersion() + " does not have; the hub knows: "
                            + (version == null || version.profiles().isEmpty()
                                    ? "none" : String.join(", ", version.profiles().keySet()))
                            + "."));
            return;
        }
        List<Error> errors = schema.validate(ctx.message());
        for (Issue i : issues.toIssues(errors, IssueCode.PROFILE_CONSTRAINT, " (agency profile " + profile + ")")) {
            ctx.add(i);
        }
    }
}
