package io.cluehub.adapters.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The files of one format folder: on the classpath (built-in formats) or in the operator's directory. */
abstract class FormatFolder {

    /** No definition file is anywhere near this; a bigger one is a mistake (or not a definition file). */
    static final int MAX_FILE_BYTES = 1_048_576;

    /** The folder as operators see it, for error messages. */
    abstract String name();

    /** A file of the folder by its relative path ({@code format.yml}, {@code codes/leibie.json}); empty if absent. */
    abstract Optional<byte[]> read(String relativePath);

    static FormatFolder classpath(String resourceFolder, ClassLoader loader) {
        return new FormatFolder() {
            @Override
            String name() {
                return "classpath:" + resourceFolder;
            }

            @Override
            Optional<byte[]> read(String relativePath) {
                try (InputStream in = loader.getResourceAsStream(resourceFolder + relativePath)) {
                    return in == null ? Optional.empty() : Optional.of(bounded(in, name() + relativePath));
                } catch (IOException e) {
                    throw new FormatDefinitionException(name(), "cannot read " + relativePath + ": " + e.getMessage(),
                            e);
                }
            }
        };
    }

    static FormatFolder directory(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return new FormatFolder() {
            @Override
            String name() {
                return root.toString();
            }

            @Override
            Optional<byte[]> read(String relativePath) {
                Path file = root.resolve(relativePath).normalize();
                // Names come from format.yml and are checked there; this keeps a typo from leaving the folder anyway.
                if (!file.startsWith(root)) {
                    throw new FormatDefinitionException(name(), relativePath + " is outside the format folder");
                }
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return Optional.of(bounded(in, file.toString()));
                } catch (IOException e) {
                    throw new FormatDefinitionException(name(), "cannot read " + relativePath + ": " + e.getMessage(),
                            e);
                }
            }
        };
    }

    private static byte[] bounded(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(what + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return bytes;
    }
}
