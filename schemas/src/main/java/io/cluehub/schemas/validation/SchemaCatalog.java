package io.cluehub.schemas.validation;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every schema and profile of every version shipped on the classpath, compiled once. Schemas are found by their
 * {@code $id} ({@code https://schemas.cluehub.io/<version>/<name>.json}), which the registry maps to the classpath
 * folder {@code io/cluehub/schemas/json/}; nothing is fetched over the network.
 */
final class SchemaCatalog {

    static final String BASE_IRI = "https://schemas.cluehub.io/";
    static final String CLASSPATH_ROOT = "io/cluehub/schemas/json/";

    /**
     * The message types of DESIGN.md section 3, and {@code handling.consent} (the originator's consent to forward a
     * clue, issue 6); a version's folder holds one schema per type.
     */
    static final List<String> TYPES = List.of(
            "clue.transfer",
            "clue.status",
            "info.share",
            "consultation.request",
            "consultation.opinion",
            "consultation.decision",
            "training.notice",
            "handling.consent",
            "clue.reminder",
            "consultation.summary",
            "list.request",
            "list.snapshot",
            "list.expired",
            "receipt");

    private final SchemaRegistry registry;
    private final Map<String, Version> versions;
    private final String latest;
    /** Raw schema documents by absolute IRI, to read descriptions and sibling keywords when wording diagnostics. */
    private final Map<String, JsonNode> documents = new LinkedHashMap<>();

    SchemaCatalog() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .cacheRefs(true)
                .preloadSchema(true)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(config)
                .schemaIdResolvers(r -> r.mapPrefix(BASE_IRI, "classpath:" + CLASSPATH_ROOT)));
        JsonMapper plain = JsonMapper.builder().build();
        Map<String, Version> loaded = new LinkedHashMap<>();
        for (String v : readVersions()) {
            Map<String, Schema> types = new LinkedHashMap<>();
            for (String type : TYPES) {
                types.put(type, load(plain, v, type + ".json"));
            }
            load(plain, v, "defs.json");
            Schema envelope = load(plain, v, "envelope.json");
            Map<String, Schema> profiles = new LinkedHashMap<>();
            for (String p : readLines(CLASSPATH_ROOT + v + "/profiles/profiles.txt", false)) {
                profiles.put(p, load(plain, v, "profiles/" + p + ".json"));
            }
            loaded.put(v, new Version(v, envelope, Collections.unmodifiableMap(types),
                    Collections.unmodifiableMap(profiles)));
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("no schema versions listed in " + CLASSPATH_ROOT + "versions.txt");
        }
        this.versions = Collections.unmodifiableMap(loaded);
        this.latest = new ArrayList<>(loaded.keySet()).get(loaded.size() - 1);
    }

    private Schema load(JsonMapper plain, String version, String name) {
        String iri = BASE_IRI + version + "/" + name;
        String resource = CLASSPATH_ROOT + version + "/" + name;
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            JsonNode doc = plain.readTree(in);
            if (!iri.equals(doc.path("$id").asString(""))) {
                throw new IllegalStateException(resource + " must have $id " + iri);
            }
            documents.put(iri, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Schema schema = registry.getSchema(SchemaLocation.of(iri));
        // Compile every keyword validator now, so the first message pays no loading cost.
        schema.initializeValidators();
        return schema;
    }

    private static List<String> readVersions() {
        return readLines(CLASSPATH_ROOT + "versions.txt", true);
    }

    private static List<String> readLines(String resource, boolean required) {
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                return List.of();
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        out.add(line);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Version version(String v) {
        return versions.get(v);
    }

    Version latest() {
        return versions.get(latest);
    }

    Set<String> versionIds() {
        return versions.keySet();
    }

    JsonNode document(String iri) {
        return documents.get(iri);
    }

    /** One schema version: its envelope, one schema per type, and the agency profiles written for it. */
    record Version(String id, Schema envelope, Map<String, Schema> types, Map<String, Schema> profiles) {}
}
