package io.cluehub.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every shipped schema is a draft 2020-12 schema, valid against its meta-schema, with the versioned $id of its place. */
class SchemaFilesTest {

    private static final Schema META = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    static Stream<String> files() {
        List<String> files = new ArrayList<>();
        for (String version : Fixtures.VALIDATOR.schemaVersions()) {
            files.add(version + "/defs.json");
            files.add(version + "/envelope.json");
            for (String type : Fixtures.VALIDATOR.types(version)) {
                files.add(version + "/" + type + ".json");
            }
            for (String profile : Fixtures.VALIDATOR.profiles(version)) {
                files.add(version + "/profiles/" + profile + ".json");
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void isAValidVersionedDraft202012Schema(String file) throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/cluehub/schemas/json/" + file)) {
            assertThat(in).as(file).isNotNull();
            doc = Fixtures.JSON.readTree(in);
        }

        assertThat(doc.path("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(doc.path("$id").stringValue()).isEqualTo("https://schemas.cluehub.io/" + file);
        assertThat(doc.path("title").isString()).as("a title").isTrue();
        assertThat(META.validate(doc)).as("meta-schema errors").isEmpty();
    }
}
