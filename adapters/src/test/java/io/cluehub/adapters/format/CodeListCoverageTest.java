package io.cluehub.adapters.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The code lists of the reference formats against the canonical schemas (read from the schemas module): every
 * canonical value a list maps to is one the schema allows, and every value the schema allows has an agency code,
 * so outbound mapping never fails for want of a code.
 */
class CodeListCoverageTest {

    private static final String SCHEMAS = "io/cluehub/schemas/json/1.0/";

    static Stream<Arguments> lists() {
        String defs = "defs.json";
        String status = "clue.status.json";
        return Stream.of(
                Arguments.of("samr-json", "leixing", null, null),
                Arguments.of("samr-json", "miji", defs, "/$defs/handling/properties/classification/enum"),
                Arguments.of("samr-json", "zhuanfa", defs, "/$defs/handling/properties/onwardSharing/enum"),
                Arguments.of("samr-json", "juese", defs, "/$defs/subject/properties/role/enum"),
                Arguments.of("samr-json", "zhutiLeixing", defs, "/$defs/subject/properties/kind/enum"),
                Arguments.of("samr-json", "weifaLeibie", defs, "/$defs/violationCategory/enum"),
                Arguments.of("samr-json", "zhengjuLeixing", defs, "/$defs/evidence/properties/kind/enum"),
                Arguments.of("samr-json", "chuzhi", status, "/$defs/payload/properties/disposition/enum"),
                Arguments.of("samr-json", "jielun", status, "/$defs/result/properties/outcome/enum"),
                Arguments.of("mps-xml", "weifaLeibie", defs, "/$defs/violationCategory/enum"),
                Arguments.of("mps-xml", "zhuTiLeiBie", defs, "/$defs/subject/properties/kind/enum"),
                Arguments.of("mps-xml", "chuZhiZhuangTai", status, "/$defs/payload/properties/disposition/enum"),
                Arguments.of("sta-csv", "nsrLeixing", defs, "/$defs/subject/properties/kind/enum"),
                Arguments.of("sta-csv", "weifaLeibie", defs, "/$defs/violationCategory/enum"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("lists")
    void aCodeListCoversExactlyTheCanonicalVocabulary(String formatId, String list, String schema, String enumAt) {
        DeclaredFormat format = (DeclaredFormat) TestFiles.format(formatId);
        assertThat(format.descriptor().codeLists()).contains(list);
        Map<String, String> codes = codeList(formatId, list);

        Set<String> vocabulary = new LinkedHashSet<>();
        if (schema == null) {
            // The message types the format carries.
            vocabulary.addAll(format.descriptor().messageTypes());
        } else {
            TestFiles.json(SCHEMAS + schema).at(enumAt).forEach(v -> vocabulary.add(v.asString()));
        }

        assertThat(vocabulary).as("the schema's %s", enumAt).isNotEmpty();
        assertThat(new LinkedHashSet<>(codes.values())).as("canonical values of %s/%s", formatId, list)
                .containsExactlyInAnyOrderElementsOf(vocabulary);
    }

    static Stream<Arguments> listsOfEveryFormat() {
        return Stream.of("samr-json", "mps-xml", "sta-csv").flatMap(id -> ((DeclaredFormat) TestFiles.format(id))
                .descriptor().codeLists().stream().map(list -> Arguments.of(id, list)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("listsOfEveryFormat")
    void everyDeclaredListIsCheckedAgainstTheSchemas(String formatId, String list) {
        assertThat(lists()).anyMatch(a -> a.get()[0].equals(formatId) && a.get()[1].equals(list));
    }

    private static Map<String, String> codeList(String formatId, String list) {
        JsonNode file = TestFiles.json(FormatRegistry.BUILT_IN_FOLDER + formatId + "/codes/" + list + ".json");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : file.properties()) {
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isObject() ? v.get("canonical").asString() : v.asString());
            if (v.isObject()) {
                assertThat(v.path("label").asString()).as("label of %s %s", list, e.getKey()).isNotBlank();
            }
        }
        return out;
    }
}
