package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.archive.personal.RotateFieldKeysCommand;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rotate-field-keys} on the command line against the embedded H2 of a stopped hub: it adds a key, re-encrypts
 * every body under it, prints key ids and counts only, and {@code verify-archive} still finds the chain valid.
 */
class RotateFieldKeysCommandTest {

    @TempDir
    Path data;

    @Test
    void rotatesReencryptsAndTheChainStillVerifies() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + data.resolve("db").resolve("cluehub").toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        ArchiveStore archive = new ArchiveStore(jdbc, new ArchiveCrypto(KeyStoreFieldKeys.demo(data)));
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(h2));
        ArchiveDraft clue = PersonalDataAtRestTest.designClue("m-1");
        tx.execute(t -> archive.append(clue));
        tx.execute(t -> archive.append(PersonalDataAtRestTest.samrClue()));

        Run rotated = run(() -> RotateFieldKeysCommand.run("--cluehub.data-dir=" + data));

        assertThat(rotated.code()).as(rotated.err()).isEqualTo(RotateFieldKeysCommand.DONE);
        JsonNode report = JsonMapper.builder().build().readTree(rotated.out());
        assertThat(report.path("keyId").asString()).isEqualTo("field-aes-2");
        assertThat(report.path("resealed").asLong()).isEqualTo(2);
        assertThat(rotated.out() + rotated.err()).doesNotContain("330106199503141237");
        assertThat(jdbc.queryForList("SELECT DISTINCT body_key FROM archive_entry WHERE body_key IS NOT NULL",
                String.class)).containsExactly("field-aes-2");
        assertThat(jdbc.queryForObject("SELECT decision FROM archive_entry WHERE kind = 'audit'", String.class))
                .contains("\"action\":\"field-key-rotation\"").contains("@command-line");
        Run resealed = run(() -> RotateFieldKeysCommand.run("reseal", "--cluehub.data-dir=" + data));
        assertThat(JsonMapper.builder().build().readTree(resealed.out()).path("resealed").asLong()).isZero();

        Run verified = run(() -> VerifyArchiveCommand.run("--cluehub.data-dir=" + data));
        assertThat(verified.code()).as(verified.err()).isEqualTo(VerifyArchiveCommand.VALID);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = command.getAsInt();
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
