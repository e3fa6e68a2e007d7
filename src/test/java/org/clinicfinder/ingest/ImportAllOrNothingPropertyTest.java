package org.clinicfinder.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.clinicfinder.ingest.ImportOutcome.ExitCode;
import org.clinicfinder.testing.HostileText;
import org.clinicfinder.testing.TestDatabase;
import org.flywaydb.core.Flyway;

/**
 * The real import job against the test database, on files of random good rows with hostile names, and on the
 * same files spoilt by one bad row or one unreadable line anywhere: a spoilt file leaves the directory exactly as
 * it was; a good one is published whole, with exact counts and every name stored as given.
 */
class ImportAllOrNothingPropertyTest {

    private static final String HEADER = "external_id,name,city,country,credential_title,credential_issuer\n";
    private static final AtomicInteger SOURCES = new AtomicInteger();

    private static AgroalDataSource dataSource;
    private static ImportJob job;
    private static Path dir;

    @BeforeContainer
    static void jobOnTheTestDatabase() throws Exception {
        Flyway.configure().dataSource(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD).load().migrate();
        TestDatabase.clean();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(4).connectionFactoryConfiguration(factory -> factory
                        .jdbcUrl(TestDatabase.URL)
                        .principal(new NamePrincipal(TestDatabase.USER))
                        .credential(new SimplePassword(TestDatabase.PASSWORD)))));
        job = new ImportJob();
        job.dataSource = dataSource;
        dir = Files.createTempDirectory("import-property");
        ImportOutcome directory = run(csv(List.of("Anchor Clinic", "Second Clinic", "'; DROP TABLE provider; --")),
                "directory", null);
        assertThat(directory.exitCode()).isEqualTo(ExitCode.OK);
    }

    @AfterContainer
    static void close() throws IOException {
        if (dataSource != null) {
            dataSource.close();
        }
        TestDatabase.clean();
    }

    @Property(tries = 8)
    void shouldPublishAFileOfGoodRowsWholeWithExactCounts(@ForAll("names") List<String> names) throws IOException {
        String source = "good " + SOURCES.incrementAndGet();
        long before = TestDatabase.count("SELECT count(*) FROM provider");

        ImportOutcome outcome = run(csv(names), source, null);

        assertThat(outcome.exitCode()).as(outcome.failure()).isEqualTo(ExitCode.OK);
        assertThat(outcome.rowsRead()).isEqualTo(names.size());
        assertThat(outcome.counts()).isEqualTo(new ImportOutcome.Counts(names.size(), 0, 0, names.size(), 0, 0, 0));
        assertThat(TestDatabase.count("SELECT count(*) FROM provider")).isEqualTo(before + names.size());
        List<String> stored = TestDatabase.query("SELECT name FROM provider WHERE source = '" + source
                + "' AND published ORDER BY external_id").stream().map(row -> (String) row.get("name")).toList();
        assertThat(stored).isEqualTo(names.stream().map(TextKey::tidy).toList());
    }

    @Property(tries = 8)
    void shouldLeaveTheDirectoryUnchangedByAFileWithABadRow(@ForAll("names") List<String> names,
            @ForAll("spoilers") Spoiler spoiler, @ForAll @IntRange(max = 8) int where) throws IOException {
        String before = TestDatabase.directoryDigest();
        List<byte[]> lines = new ArrayList<>(rows(names));
        lines.add(1 + where % (lines.size()), spoiler.line().getBytes(StandardCharsets.ISO_8859_1));

        ImportOutcome outcome = run(file(lines), "spoilt " + SOURCES.incrementAndGet(), 0L);

        assertThat(outcome.exitCode()).as(outcome.failure()).isIn(spoiler.exits());
        assertThat(outcome.status()).isEqualTo("failed");
        assertThat(TestDatabase.directoryDigest()).isEqualTo(before);
    }

    /**
     * A line that spoils a file, as raw bytes (ISO-8859-1 keeps them as they are), and the job's answers: a quote
     * left open may close on a later row's quote, and the row it then makes is rejected.
     */
    record Spoiler(String line, Set<ExitCode> exits) {
        Spoiler(String line, ExitCode exit) {
            this(line, Set.of(exit));
        }
    }

    @Provide
    Arbitrary<Spoiler> spoilers() {
        return Arbitraries.of(
                new Spoiler("B1,Bad Phone Clinic,London,Atlantis,Diploma,Academy\n", ExitCode.TOO_MANY_ERRORS),
                new Spoiler("B2,,London,GB,Diploma,Academy\n", ExitCode.TOO_MANY_ERRORS),
                new Spoiler("B3,No Credential Clinic,London,GB,,\n", ExitCode.TOO_MANY_ERRORS),
                new Spoiler("B4,Control Title Clinic,London,GB,\u0001\u0002,Academy\n", ExitCode.TOO_MANY_ERRORS),
                new Spoiler("B5,Wide Clinic,London,GB,Diploma,Academy,extra\n", ExitCode.TOO_MANY_ERRORS),
                new Spoiler("B6,\"Open Quote Clinic,London,GB,Diploma,Academy\n",
                        Set.of(ExitCode.INVALID_FILE, ExitCode.TOO_MANY_ERRORS)),
                new Spoiler("B7,Latin-1 Caf\u00E9,London,GB,Diploma,Academy\n", ExitCode.INVALID_FILE),
                new Spoiler("B8,Broken \u00ED\u00A0\u0080 Surrogate,London,GB,Diploma,Academy\n", ExitCode.INVALID_FILE));
    }

    /** One to five names, each a hostile string that is valid as a name. */
    @Provide
    Arbitrary<List<String>> names() {
        return HostileText.strings().filter(ImportAllOrNothingPropertyTest::validName).list().ofMinSize(1).ofMaxSize(5);
    }

    /** What the import takes as a name and stores tidied; U+FFFD is how a CSV tells bytes that are not UTF-8. */
    private static boolean validName(String name) {
        String tidy = TextKey.tidy(name);
        return !tidy.isEmpty() && tidy.codePointCount(0, tidy.length()) <= 200 && name.indexOf('\u0000') < 0
                && name.indexOf('\uFFFD') < 0 && name.equals(new String(name.getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
    }

    private static List<byte[]> rows(List<String> names) {
        List<byte[]> lines = new ArrayList<>();
        lines.add(HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < names.size(); i++) {
            lines.add(("P" + (10 + i) + ",\"" + names.get(i).replace("\"", "\"\"") + "\",London,GB,Diploma,Academy\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static Path csv(List<String> names) throws IOException {
        return file(rows(names));
    }

    private static Path file(List<byte[]> lines) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            content.write(line);
        }
        Path file = Files.createTempFile(dir, "list", ".csv");
        Files.write(file, content.toByteArray());
        return file;
    }

    private static ImportOutcome run(Path file, String source, Long maxErrors) {
        return job.run(new ImportRequest(file, file.toString(), source, null, null, null, null, ImportMode.UPSERT,
                false, maxErrors, null, null), (rowsRead, rejected, bytesRead, bytesTotal) -> {
                });
    }
}
