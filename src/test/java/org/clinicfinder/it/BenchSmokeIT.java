package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The benchmark harness (bench/run) keeps working: a smoke run on 10,000 providers, seconds a measurement, with
 * the packaged artifact, writes every section and the growth plot, and its pgbench scripts still run the SQL the
 * service runs (bench/show-sql --check). It asserts no timing: the targets live in the benchmark. The run uses
 * databases of its own (cf_bench_it_smoke*), never the test database, whatever QUARKUS_DATASOURCE_JDBC_URL says,
 * nor those of a smoke run someone starts by hand meanwhile (cf_bench_smoke*).
 */
class BenchSmokeIT {

    private static final Path DIR = Path.of("target", "bench-smoke", "it");
    private static final List<String> SHAPES = List.of("country + city", "country + treatment",
            "free text `q` (by relevance)", "lat/lon within 25 km, by distance",
            "country + facets treatment, language, kind", "detail by id", "50th page by cursor");

    @Test
    void shouldRunEveryPartOfTheBenchmarkAndWriteItsResults() throws Exception {
        Path output = DIR.resolve("benchmarks.md");
        Path plot = DIR.resolve("benchmarks-growth.png");
        Path log = DIR.resolve("run.log");
        Files.createDirectories(DIR);
        Files.deleteIfExists(output);
        Files.deleteIfExists(plot);

        run(log, "bench/run", "--smoke", "--no-build", "--output", output.toString());

        String results = Files.readString(output);
        for (String section : List.of("machine", "import", "search", "startup", "growth")) {
            assertThat(results).contains("<!-- bench:" + section + " -->", "<!-- /bench:" + section + " -->");
        }
        assertThat(results)
                .contains("| job: fresh import into an empty directory | 10,000 |",
                        "| psql `\\copy` of the same rows (raw COPY) | 10,000 |",
                        "| job: the same file again (all unchanged) | 10,000 |",
                        "0 / 0 / 10000", "0 / 1000 / 9000")
                .contains("Launch to first 200", "p50 / p99 ms at 2,000", "p50 / p99 ms at 10,000")
                .contains("CLINIC_FINDER_PARTNERS_ANONYMOUS_RATE=100000000/min");
        // Every shape answered, on both sides: no 429 from the rate limit, no 404 for an id, no failed transaction.
        String search = results.substring(results.indexOf("<!-- bench:search -->"),
                results.indexOf("<!-- /bench:search -->"));
        List<String> rows = search.lines()
                .filter(line -> SHAPES.stream().anyMatch(shape -> line.startsWith("| " + shape + " |")))
                .toList();
        assertThat(rows).hasSize(SHAPES.size())
                .allSatisfy(row -> assertThat(row.split("\\|")[5].strip()).as("errors of %s", row).isEqualTo("0"));
        byte[] png = Files.readAllBytes(plot);
        assertThat(png).hasSizeGreaterThan(1000).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

        // The comparison is fair only while pgbench runs the statements the service runs, as PostgreSQL logs them.
        Path sql = DIR.resolve("show-sql.log");
        run(sql, "bench/show-sql", "--smoke", "--check");
        assertThat(Files.readString(sql)).contains("== facets: 2 statement(s)", "== detail: 1 statement(s)")
                .doesNotContain("!!");
    }

    /** Runs a command to its end, within minutes, and fails with the end of its output unless it exits 0. */
    private static void run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BENCH_DATABASE", "cf_bench_it");
        Process process = builder.start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(finished).as("%s finished in time; %s", command[0], tail(log)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; %s", String.join(" ", command), tail(log)).isZero();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "its output ended:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
