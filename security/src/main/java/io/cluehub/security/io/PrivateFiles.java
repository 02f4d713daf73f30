package io.cluehub.security.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets (private keys, keystores, passwords): folders {@code 0700}, files {@code 0600}, written
 * through a temporary file in the same folder so a reader never sees half a key. Error messages name the path,
 * never the content.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its parents; a folder this call creates is readable by its owner only. */
    public static Path createPrivateDirectories(Path dir) {
        Path absolute = dir.toAbsolutePath();
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute);
                restrict(absolute, "rwx------");
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + absolute, e);
        }
    }

    /** Writes {@code content} to {@code file}, replacing it atomically; mode {@code 0600}. */
    public static void replace(Path file, byte[] content) {
        Path target = file.toAbsolutePath();
        Path tmp = writeTemporary(target, content);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /**
     * Creates {@code file} with {@code content} (mode {@code 0600}) unless it exists. Atomic: of several processes
     * racing on a fresh data folder exactly one creates the file, and the others get false and read that one.
     */
    public static boolean createIfAbsent(Path file, byte[] content) {
        Path target = file.toAbsolutePath();
        Path tmp = writeTemporary(target, content);
        try {
            // A hard link fails if the target exists: create-if-absent with the whole content already in place.
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            return moveIfAbsent(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static boolean moveIfAbsent(Path tmp, Path target) {
        if (Files.exists(target)) {
            return false;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target, e);
        }
    }

    private static Path writeTemporary(Path target, byte[] content) {
        Path dir = createPrivateDirectories(target.getParent());
        try {
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                restrict(tmp, "rw-------");
                Files.write(tmp, content);
                return tmp;
            } catch (IOException | RuntimeException e) {
                deleteQuietly(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a temporary file beside " + target, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems keep their default ACLs; the data folder is the boundary there.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover temporary file is mode 0600 and named after its target; the next write replaces nothing.
        }
    }
}
