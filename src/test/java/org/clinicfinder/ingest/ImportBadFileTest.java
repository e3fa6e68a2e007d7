package org.clinicfinder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.TestDatabase.count;
import static org.clinicfinder.testing.TestDatabase.one;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files that cannot be imported: each gets a message naming the file (and the line, where there is one), exit
 * code 3, a failed run on record, no stack trace, and an unchanged directory.
 */
@QuarkusMainTest
class ImportBadFileTest {

    static final String HEADER = "name,city,country,credential_title,credential_issuer\n";
    static final String GOOD = "Good Clinic,Dublin,IE,Diploma,Academy\n";

    @TempDir
    Path dir;

    @BeforeEach
    void directoryWithOneProvider() {
        TestDatabase.clean();
    }

    static Stream<Arguments> badFiles() {
        byte[] latin1 = (HEADER + "Clinique Lumière,Genève,CH,Diplôme,Académie\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] binary = new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        byte[] hugeCell = (HEADER + GOOD + "\"" + "x".repeat(10 * 1024 * 1024) + "\",Dublin,IE,Diploma,Academy\n")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty.csv", new byte[0], "the file is empty"),
                Arguments.of("header.csv", bytes(HEADER), "the file has no rows"),
                Arguments.of("columns.csv", bytes("name,town\nClinic,Dublin\n"),
                        "required columns are missing: country"),
                Arguments.of("twice.csv", bytes("name,Clinic name,city,country\n"),
                        "columns \"name\" and \"Clinic name\" both give the name"),
                Arguments.of("binary.csv", binary, "the file is binary"),
                Arguments.of("latin1.csv", latin1, "not UTF-8 text at line 2"),
                Arguments.of("quote.csv", bytes(HEADER + GOOD + "\"Open Quote Clinic,Dublin,IE,Diploma,Academy\n"),
                        "a quoted cell is never closed: its quote opens after line 2"),
                Arguments.of("huge.csv", hugeCell, "a cell longer than 1 MiB starts after line 2"),
                Arguments.of("syntax.json", bytes("[\n  {\"name\": \"A\", \"city\": \"Dublin\"},\n"
                        + "  {\"name\": \"B\" \"city\": \"Cork\"}\n]\n"), "JSON syntax error at line 3"),
                Arguments.of("object.json", bytes("{\"name\": \"A\"}"), "must be an array of provider objects"),
                Arguments.of("unclosed.json", bytes("[\n  {\"name\": \"A\", \"city\": \"Dublin\", \"country\": \"IE\"}\n"),
                        "the JSON ends at line 3 before its array or an object in it is closed"),
                Arguments.of("lines.ndjson", bytes("{\"name\": \"A\"}\n{\"name\": \n"), "JSON syntax error at line 2"),
                Arguments.of("list.xlsx", binary, "cannot tell the format"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void shouldRefuseTheFileWithAClearMessage(String name, byte[] content, String message, QuarkusMainLauncher launcher)
            throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);

        LaunchResult result = launcher.launch("import", file.toString(), "--source", "bad files", "--progress", "none");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(3);
        assertThat(result.getErrorOutput()).contains(name).contains(message);
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(count("SELECT count(*) FROM provider")).isZero();
        if (!name.endsWith(".xlsx")) {
            assertThat(one("SELECT status, failure FROM import_run")).containsEntry("status", "failed");
        }
    }

    @Test
    void shouldReportUnknownColumnsAndImportTheRest(QuarkusMainLauncher launcher) throws IOException {
        Path file = dir.resolve("extra.csv");
        Files.writeString(file, "name,city,country,Instagram,credential_title,credential_issuer,Notes\n"
                + "Social Clinic,Dublin,IE,@social,Diploma,Academy,call first\n");

        LaunchResult result = launcher.launch("import", file.toString(), "--source", "extra", "--progress", "none");

        assertThat(result.exitCode()).isZero();
        assertThat(count("SELECT count(*) FROM provider")).isEqualTo(1);
        assertThat(TestDatabase.query("SELECT field, reason FROM import_issue WHERE kind = 'ignored-column' ORDER BY field"))
                .extracting(row -> row.get("field")).containsExactly("Instagram", "Notes");
    }

    @Test
    void shouldRefuseAFileThatDoesNotExist(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("import", dir.resolve("missing.csv").toString(), "--source", "none");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.getErrorOutput()).contains("there is no file").contains("missing.csv");
    }
}
