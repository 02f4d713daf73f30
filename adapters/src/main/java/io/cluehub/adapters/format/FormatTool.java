package io.cluehub.adapters.format;

import io.cluehub.schemas.validation.Issue;
import io.cluehub.schemas.validation.MessageValidator;
import io.cluehub.schemas.validation.ValidationOptions;
import io.cluehub.schemas.validation.ValidationOutcome;
import io.cluehub.schemas.validation.ValidatorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a format folder from the command line, without the hub (see the adapters README):
 * <pre>
 * mvn -q -pl adapters exec:java -Dexec.args="list --formats /etc/cluehub/formats"
 * mvn -q -pl adapters exec:java -Dexec.args="in cac-json sample.json --profile sta --formats /etc/cluehub/formats"
 * mvn -q -pl adapters exec:java -Dexec.args="out cac-json canonical.json --formats /etc/cluehub/formats"
 * mvn -q -pl adapters exec:java -Dexec.args="roundtrip cac-json canonical.json --formats /etc/cluehub/formats"
 * </pre>
 * {@code in} maps an agency file and validates each canonical message as the hub would, naming issues in the agency's
 * terms; {@code out} maps a canonical message to the agency's syntax; {@code roundtrip} maps out and back and lists
 * every canonical field that did not survive. The exit status is 0 when all is well, 1 when a mapping or validation
 * failed, 2 for a usage error.
 */
public final class FormatTool {

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private FormatTool() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Optional<Path> formats = Optional.empty();
        String profile = null;
        for (int i = 0; i < args.length; i++) {
            if ("--formats".equals(args[i]) && i + 1 < args.length) {
                formats = Optional.of(Path.of(args[++i]));
            } else if ("--profile".equals(args[i]) && i + 1 < args.length) {
                profile = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty()) {
            return usage(err);
        }
        try {
            FormatRegistry registry = FormatRegistry.load(formats);
            String command = positional.get(0);
            if ("list".equals(command) && positional.size() == 1) {
                return list(registry, out);
            }
            if (positional.size() != 3) {
                return usage(err);
            }
            Optional<AgencyFormat> format = registry.find(positional.get(1));
            if (format.isEmpty()) {
                err.println("No format '" + positional.get(1) + "'; the registry has " + registry.ids());
                return 2;
            }
            byte[] body = Files.readAllBytes(Path.of(positional.get(2)));
            return switch (command) {
                case "in" -> in(format.get(), body, profile, out);
                case "out" -> out(format.get(), body, out);
                case "roundtrip" -> roundTrip(format.get(), body, out);
                default -> usage(err);
            };
        } catch (FormatDefinitionException e) {
            err.println(e.getMessage());
            return 1;
        } catch (MappingException e) {
            out.println("MAPPING_FAILED at '" + e.location() + "': " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Cannot read " + e.getMessage());
            return 2;
        }
    }

    private static int list(FormatRegistry registry, PrintStream out) {
        for (String id : registry.ids()) {
            AgencyFormat f = registry.find(id).orElseThrow();
            out.println(id + " " + f.version() + " (" + f.syntax().name().toLowerCase(Locale.ROOT) + ") from "
                    + registry.origin(id).orElse("?") + ": " + f.description());
        }
        return 0;
    }

    private static int in(AgencyFormat format, byte[] body, String profile, PrintStream out) {
        MessageValidator validator = MessageValidator.create(ValidatorSettings.defaults());
        List<byte[]> messages = format.toCanonical(body);
        int status = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = PRETTY.readTree(messages.get(i));
            out.println(PRETTY.writeValueAsString(message));
            ValidationOutcome outcome = validator.validate(messages.get(i),
                    ValidationOptions.defaults().withProfile(profile));
            String type = message.path("type").asString(null);
            for (Issue issue : outcome.issues()) {
                String where = format.agencyLocation(type, issue.location(), i).orElse(issue.location());
                out.println(issue.severity().name() + " " + issue.code() + " at '" + where + "' (canonical '"
                        + issue.location() + "'): " + issue.diagnostics());
            }
            out.println(outcome.successful() ? "VALID" : "INVALID");
            if (!outcome.successful()) {
                status = 1;
            }
        }
        if (messages.isEmpty()) {
            out.println("The body holds no messages.");
        }
        return status;
    }

    private static int out(AgencyFormat format, byte[] body, PrintStream out) {
        out.println(new String(format.fromCanonical(body), StandardCharsets.UTF_8));
        return 0;
    }

    private static int roundTrip(AgencyFormat format, byte[] body, PrintStream out) {
        JsonNode before = PRETTY.readTree(body);
        List<byte[]> back = format.toCanonical(format.fromCanonical(body));
        if (back.size() != 1) {
            out.println("The round trip gave " + back.size() + " messages instead of one.");
            return 1;
        }
        JsonNode after = PRETTY.readTree(back.get(0));
        Map<String, JsonNode> was = leaves(before);
        Map<String, JsonNode> is = leaves(after);
        int differences = 0;
        for (Map.Entry<String, JsonNode> e : was.entrySet()) {
            JsonNode now = is.get(e.getKey());
            if (now == null) {
                out.println("LOST    " + e.getKey() + " (was " + e.getValue() + ")");
                differences++;
            } else if (!now.equals(e.getValue())) {
                out.println("CHANGED " + e.getKey() + ": " + e.getValue() + " -> " + now);
                differences++;
            }
        }
        for (String pointer : is.keySet()) {
            if (!was.containsKey(pointer)) {
                out.println("ADDED   " + pointer + " = " + is.get(pointer));
                differences++;
            }
        }
        out.println(differences == 0 ? "Every field survived the round trip."
                : differences + " field(s) differ; list those the format does not carry in its README.");
        return differences == 0 ? 0 : 1;
    }

    private static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        leaves(node, "", out);
        return out;
    }

    private static void leaves(JsonNode node, String at, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                leaves(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), at + "/" + i, out);
            }
        } else {
            out.put(at, node);
        }
    }

    private static int usage(PrintStream err) {
        err.println("""
                usage: FormatTool list [--formats DIR]
                       FormatTool in FORMAT AGENCY_FILE [--profile PROFILE] [--formats DIR]
                       FormatTool out FORMAT CANONICAL_FILE [--formats DIR]
                       FormatTool roundtrip FORMAT CANONICAL_FILE [--formats DIR]""");
        return 2;
    }
}
