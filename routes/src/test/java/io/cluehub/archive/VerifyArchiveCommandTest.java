package io.cluehub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.cluehub.archive.personal.ArchiveCrypto;
import io.cluehub.security.crypto.KeyStoreFieldKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
 * The command line: against a hub's data folder (H2, as the hub leaves it when stopped) it prints the same JSON
 * report as the endpoint and exits 0 for a valid chain, 1 for a tampered one, 2 when it cannot check.
 */
class VerifyArchiveCommandTest {

    @TempDir
    Path data;

    @Test
    void printsTheReportAndExitsByValidity() {
        JdbcDataSource h2 = new JdbcDataSource();
        // Where the hub keeps H2 under its data folder (DatabaseConfiguration).
        h2.setURL("jdbc:h2:file:" + data.resolve("db").resolve("cluehub").toAbsolutePath().normalize()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        // The field keys the command opens too: the demo keystore under the data folder.
        ArchiveStore archive = new ArchiveStore(jdbc, new ArchiveCrypto(KeyStoreFieldKeys.demo(data)));
        TransactionTemplate tx = new TransactionTemplate(new JdbcTransactionManager(h2));
        for (int i = 0; i < 3; i++) {
            String id = "m-" + i;
            byte[] raw = ("{\"messageId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            tx.execute(t -> archive.append(new ArchiveDraft(Instant.now(), "intake", "accepted", "SAMR-330106", id,
                    "clue.transfer", null, null, null, ArchiveEntry.sha256Hex(raw), raw, "{}")));
        }

        Run valid = run("--cluehub.data-dir=" + data);
        assertThat(valid.code()).as(valid.err()).isEqualTo(VerifyArchiveCommand.VALID);
        assertThat(valid.report().path("valid").asBoolean()).isTrue();
        assertThat(valid.report().path("entries").asLong()).isEqualTo(3);

        jdbc.update("DELETE FROM archive_entry WHERE seq = 2");
        Run tampered = run("--cluehub.data-dir=" + data);
        assertThat(tampered.code()).isEqualTo(VerifyArchiveCommand.INVALID);
        assertThat(tampered.report().path("firstInvalid").path("seq").asLong()).isEqualTo(2);
        assertThat(tampered.report().path("firstInvalid").path("problem").asString()).isEqualTo("deleted");
    }

    @Test
    void aDatabaseItCannotReadIsExitCode2() {
        Run run = run("--cluehub.database.url=jdbc:h2:mem:empty", "--cluehub.database.username=sa");
        assertThat(run.code()).isEqualTo(VerifyArchiveCommand.FAILED);
        assertThat(run.err()).contains("verify-archive: cannot");
    }

    private record Run(int code, String out, String err) {
        JsonNode report() {
            return JsonMapper.builder().build().readTree(out);
        }
    }

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = VerifyArchiveCommand.run(args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
