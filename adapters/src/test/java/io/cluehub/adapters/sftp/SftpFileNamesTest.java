package io.cluehub.adapters.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SftpFileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"clues-2026-11-27.csv", "STA_330000_batch_0001.csv", "线索.csv", "a.b.c"})
    void plainNamesAreRead(String name) {
        assertThat(SftpFileNames.refusal(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "..", "a..b.csv", "x/y.csv", "..\\..\\evil.csv", "x\\y.csv",
            "-rf.csv", "bell\u0007.csv", "line\nbreak.csv", ""})
    void namesThatCouldEscapeTheFolderOrConfuseATerminalAreRefused(String name) {
        assertThat(SftpFileNames.refusal(name)).isPresent();
    }

    @Test
    void overlongNamesAreRefused() {
        assertThat(SftpFileNames.refusal("a".repeat(201))).isPresent();
        assertThat(SftpFileNames.refusal("a".repeat(200))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch.csv.jws", "batch.csv.done", "x.csv.part", "x.tmp", ".hidden"})
    void helperFilesAreNotMessages(String name) {
        assertThat(SftpFileNames.isHelper(name)).isTrue();
    }

    @Test
    void outgoingNamesAreTheMessageIdAndAnExtension() {
        assertThat(SftpFileNames.outgoing("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10", "csv"))
                .isEqualTo("6f1c2a9e-3b7d-4c1e-9a51-2f0e8d7c4b10.csv");
        assertThatThrownBy(() -> SftpFileNames.outgoing("../x", "csv")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SftpFileNames.outgoing("x", "c/v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printableNamesHaveNoControlCharacters() {
        assertThat(SftpFileNames.printable("a\nb\u0000c")).isEqualTo("a?b?c");
    }
}
