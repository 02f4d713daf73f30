package io.cluehub.support;

import io.cluehub.directory.Directory;
import io.cluehub.directory.DirectoryFile;
import io.cluehub.routing.CompetenceTable;
import io.cluehub.schemas.divisions.Divisions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The demo directory and default competence table, as the hub loads them. */
public final class Demo {

    private Demo() {
    }

    public static Directory directory() {
        try (InputStream in = Demo.class.getResourceAsStream("/directory/demo-directory.yml")) {
            return DirectoryFile.read(in, "demo", Divisions.gbt2260());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompetenceTable competence() {
        try (InputStream in = Demo.class.getResourceAsStream("/routing/competence.yml")) {
            return CompetenceTable.read(in, "competence.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
