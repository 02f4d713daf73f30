package io.cluehub.routing;

import io.cluehub.directory.Department;
import io.cluehub.directory.DirectoryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Which departments are competent for each violation category (see {@code routing/competence.yml}, whose comments
 * argue each default). Immutable.
 */
public final class CompetenceTable {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Map<String, List<Department>> byCategory;
    private final Map<String, String> ruleNames;

    public CompetenceTable(Map<String, List<Department>> byCategory) {
        this.byCategory = Map.copyOf(byCategory);
        Map<String, String> rules = new java.util.HashMap<>();
        byCategory.keySet().forEach(category -> rules.put(category, Router.RULE_COMPETENCE + category));
        this.ruleNames = Map.copyOf(rules);
    }

    /** The rule name a delivery chosen for this category records, e.g. {@code competence:false-advertising}. */
    public String ruleName(String category) {
        return ruleNames.get(category);
    }

    record Document(Map<String, List<String>> categories) {
    }

    public static CompetenceTable read(InputStream in, String source) {
        Document document;
        try {
            document = YAML.readValue(in, Document.class);
        } catch (JacksonException e) {
            throw new DirectoryException(source + ": not a valid competence table: " + e.getOriginalMessage(), e);
        }
        if (document == null || document.categories() == null || document.categories().isEmpty()) {
            throw new DirectoryException(source + ": no 'categories' table");
        }
        Map<String, List<Department>> table = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        document.categories().forEach((category, codes) -> {
            List<Department> departments = new ArrayList<>();
            for (String code : codes == null ? List.<String>of() : codes) {
                Department.fromCode(code).ifPresentOrElse(departments::add,
                        () -> problems.add(source + ": categories." + category + ": '" + code + "' is not a department"));
            }
            if (departments.isEmpty()) {
                problems.add(source + ": categories." + category + ": names no department");
            }
            table.put(category, List.copyOf(departments));
        });
        if (!problems.isEmpty()) {
            throw new DirectoryException(String.join("; ", problems));
        }
        return new CompetenceTable(table);
    }

    public static CompetenceTable read(java.nio.file.Path path) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /** The competent departments for a category; empty when no rule covers it. */
    public Optional<List<Department>> departments(String category) {
        return Optional.ofNullable(byCategory.get(category));
    }

    public Map<String, List<Department>> asMap() {
        return byCategory;
    }
}
