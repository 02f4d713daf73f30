package io.cluehub.adapters.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every agency format the hub knows, by id: {@code canonical} (the identity, always present), the built-in reference
 * formats (classpath folders under {@value #BUILT_IN_FOLDER}, listed in {@code formats.txt}) and the formats of an
 * operator directory, one subfolder per format, which add formats or replace a built-in one of the same id. Loading
 * compiles every mapping, so a broken folder fails here with a {@link FormatDefinitionException}, not on the first
 * message. The registry is immutable and thread-safe.
 */
public final class FormatRegistry {

    /** The id of the canonical JSON format (an office's directory entry without a format uses it). */
    public static final String CANONICAL = "canonical";
    /** Where the built-in format folders live on the classpath. */
    public static final String BUILT_IN_FOLDER = "io/cluehub/adapters/formats/";

    private static final String INDEX = "formats.txt";
    private static final System.Logger LOG = System.getLogger(FormatRegistry.class.getName());

    private final Map<String, AgencyFormat> formats;
    private final Map<String, String> origins;

    private FormatRegistry(Map<String, AgencyFormat> formats, Map<String, String> origins) {
        this.formats = Collections.unmodifiableMap(formats);
        this.origins = Collections.unmodifiableMap(origins);
    }

    /**
     * Loads the built-in formats and, when given, the formats of {@code operatorDir} (each subfolder holding a
     * {@code format.yml} whose id equals the folder name; folders starting with a dot are skipped).
     *
     * @throws FormatDefinitionException when a folder is broken or the directory cannot be read
     */
    public static FormatRegistry load(Optional<Path> operatorDir) {
        Objects.requireNonNull(operatorDir, "operatorDir");
        Map<String, AgencyFormat> formats = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        formats.put(CANONICAL, CanonicalFormat.INSTANCE);
        origins.put(CANONICAL, "built-in identity");
        ClassLoader loader = FormatRegistry.class.getClassLoader();
        for (String id : builtInIds(loader)) {
            FormatFolder folder = FormatFolder.classpath(BUILT_IN_FOLDER + id + "/", loader);
            add(formats, origins, id, folder);
        }
        if (operatorDir.isPresent()) {
            for (Path dir : operatorFolders(operatorDir.get())) {
                String id = dir.getFileName().toString();
                if (formats.containsKey(id)) {
                    LOG.log(System.Logger.Level.INFO, "Agency format {0} from {1} replaces the built-in one", id, dir);
                }
                add(formats, origins, id, FormatFolder.directory(dir));
            }
        }
        return new FormatRegistry(formats, origins);
    }

    /** The built-in formats only. */
    public static FormatRegistry builtIn() {
        return load(Optional.empty());
    }

    /** The format with this id; {@code canonical} is always there. */
    public Optional<AgencyFormat> find(String formatId) {
        return formatId == null ? Optional.empty() : Optional.ofNullable(formats.get(formatId));
    }

    /**
     * The format with this id and version, as an office's directory entry names them; empty when the registry holds
     * another version (a directory naming a version the hub does not have should stop start-up, not mis-map).
     */
    public Optional<AgencyFormat> find(String formatId, String version) {
        return find(formatId).filter(f -> f.version().equals(version));
    }

    /** The ids of every format, sorted; always includes {@code canonical}. */
    public Set<String> ids() {
        return formats.keySet();
    }

    /** Where a format was loaded from (a classpath folder or an operator directory), for start-up logs. */
    public Optional<String> origin(String formatId) {
        return Optional.ofNullable(origins.get(formatId));
    }

    @Override
    public String toString() {
        return "FormatRegistry" + formats.values();
    }

    private static void add(Map<String, AgencyFormat> formats, Map<String, String> origins, String id,
            FormatFolder folder) {
        if (CANONICAL.equals(id)) {
            throw new FormatDefinitionException(folder.name(), "the id 'canonical' is reserved for the canonical "
                    + "JSON format");
        }
        if (!FormatDescriptor.ID.matcher(id).matches()) {
            throw new FormatDefinitionException(folder.name(), "the folder name '" + id + "' is not a format id "
                    + "(lower-case letters, digits, '.', '_' or '-')");
        }
        DeclaredFormat format = DeclaredFormat.load(folder);
        if (!format.id().equals(id)) {
            throw new FormatDefinitionException(folder.name(), "format.yml declares the id '" + format.id()
                    + "' but the folder is named '" + id + "'; they must be equal");
        }
        formats.put(id, format);
        origins.put(id, folder.name());
    }

    private static List<String> builtInIds(ClassLoader loader) {
        List<String> ids = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(BUILT_IN_FOLDER + INDEX)) {
            if (in == null) {
                return ids;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new FormatDefinitionException("classpath:" + BUILT_IN_FOLDER, "cannot read " + INDEX, e);
        }
        return ids;
    }

    private static List<Path> operatorFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FormatDefinitionException(dir.toString(), "the operator format directory does not exist or "
                    + "is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new FormatDefinitionException(dir.toString(), "cannot list the operator format directory: "
                    + e.getMessage(), e);
        }
    }
}
