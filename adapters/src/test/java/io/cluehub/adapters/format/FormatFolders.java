package io.cluehub.adapters.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writes format folders into a test's operator directory. */
final class FormatFolders {

    private FormatFolders() {
    }

    /** A test or main resource folder on the (exploded) test classpath. */
    static Path resource(String name) {
        try {
            return Path.of(FormatFolders.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a folder (e.g. a built-in format) to {@code dir/newName}. */
    static Path copy(Path from, Path dir, String newName) {
        Path to = dir.resolve(newName);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    static Path builtIn(String id) {
        return resource(FormatRegistry.BUILT_IN_FOLDER + id);
    }

    static void write(Path folder, String file, String text) {
        try {
            Path f = folder.resolve(file);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path folder, String file) {
        try {
            return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void replace(Path folder, String file, String from, String to) {
        String text = read(folder, file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " does not contain " + from);
        }
        write(folder, file, text.replace(from, to));
    }
}
