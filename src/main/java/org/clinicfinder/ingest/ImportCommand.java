package org.clinicfinder.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import org.clinicfinder.common.JobSchema;
import org.clinicfinder.ingest.ImportOutcome.ExitCode;
import org.clinicfinder.provider.TrainingCredential;
import org.flywaydb.core.Flyway;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import FILE --source NAME [options]}: loads a provider list into the directory. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports a list of providers (CSV, JSON or NDJSON) into the directory.",
                "All its accepted rows are published at once, or none: a failed or killed import changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every row was accepted and published (or would be, with --dry-run)",
                "1:published, but some rows were rejected (or would be, with --dry-run)",
                "2:the command line is wrong",
                "3:nothing published: the file cannot be read as a list of providers",
                "4:nothing published: every row, or more than --max-errors rows, rejected",
                "5:nothing published: the database is unreachable or failed"})
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The list: .csv, .json or .ndjson.")
    Path file;

    @Option(names = "--source", required = true, paramLabel = "NAME",
            description = "Who the list comes from (a training body, device maker or clinic network).")
    String source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json or ndjson; by default from the file name.")
    ImportFormat format;

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "JSON object from the file's column names to field names, for lists named otherwise.")
    Path mapping;

    @Option(names = "--country", paramLabel = "CODE", description = "The country of rows that give none.")
    String country;

    @Option(names = "--credential", paramLabel = "TITLE|ISSUER|YEAR[|verified|DATE]",
            description = "A training credential every row of the list holds (a training body's list of its trainees).")
    String credential;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "upsert",
            description = "upsert (default): insert and update; sync: also unpublish this source's providers the file no longer lists.")
    ImportMode mode;

    @Option(names = "--dry-run", description = "Check and report, publish nothing.")
    boolean dryRun;

    @Option(names = "--max-errors", paramLabel = "N",
            description = "Publish nothing when more than N rows are rejected.")
    Long maxErrors;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the run's report, as JSON, to FILE.")
    Path report;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or none.")
    String progress;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Inject
    ImportJob job;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (!JobSchema.migrate(flyway, err, "import")) {
            return ExitCode.DATABASE_UNAVAILABLE.code();
        }
        ImportOutcome outcome;
        ProgressDisplay display = ProgressDisplay.choose(progress, err, request.displayName());
        try {
            outcome = job.run(request, display);
        } catch (InvalidFileException e) {
            display.done();
            err.println("import: " + e.getMessage());
            return ExitCode.INVALID_FILE.code();
        }
        display.done();
        if (report != null && outcome.runId() != null) {
            try (OutputStream stream = Files.newOutputStream(report)) {
                ImportReport.write(dataSource, outcome.runId(), stream);
            } catch (IOException | SQLException e) {
                err.println("import: the report could not be written to " + report + ": " + e.getMessage());
            }
        }
        printSummary(out, err, request, outcome, report);
        return outcome.exitCode().code();
    }

    private ImportRequest request() {
        if (source.isBlank() || source.length() > 100) {
            throw new IllegalArgumentException("--source must name who the list comes from, in at most 100 characters");
        }
        String countryCode = null;
        if (country != null) {
            countryCode = Countries.code(country).orElseThrow(() -> new IllegalArgumentException(
                    "--country " + country + " is not a country name or ISO 3166-1 code"));
        }
        if (maxErrors != null && maxErrors < 0) {
            throw new IllegalArgumentException("--max-errors must be 0 or more");
        }
        return new ImportRequest(file, file.toString(), source.strip(), format, mapping, countryCode,
                credential == null ? null : parseCredential(credential), mode, dryRun, maxErrors, null, null);
    }

    static TrainingCredential parseCredential(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length < 3 || parts.length == 4 || parts.length > 5 || parts[0].isBlank() || parts[1].isBlank()
                || !parts[2].strip().matches("\\d{4}")) {
            throw new IllegalArgumentException("--credential must be \"TITLE|ISSUER|YEAR\" (or with |verified|DATE), "
                    + "such as \"Certificate in Collagen Induction Therapy|Collagen Induction Therapy Academy|2023\"");
        }
        if (parts.length == 3) {
            return new TrainingCredential(parts[0].strip(), parts[1].strip(), Integer.parseInt(parts[2].strip()),
                    "unverified", null);
        }
        java.time.LocalDate verifiedOn;
        try {
            verifiedOn = java.time.LocalDate.parse(parts[4].strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("--credential: the date it was verified must be like 2024-03-18");
        }
        if (!parts[3].strip().toLowerCase(Locale.ROOT).equals("verified")) {
            throw new IllegalArgumentException("--credential: only a verified credential takes a date");
        }
        return new TrainingCredential(parts[0].strip(), parts[1].strip(), Integer.parseInt(parts[2].strip()),
                "verified", verifiedOn);
    }

    private static void printSummary(PrintWriter out, PrintWriter err, ImportRequest request, ImportOutcome outcome,
            Path report) {
        ImportOutcome.Counts c = outcome.counts();
        if (outcome.failure() != null) {
            err.println("import: " + outcome.failure());
        }
        if (outcome.warning() != null) {
            err.println("import: " + outcome.warning());
        }
        String verb = switch (outcome.status()) {
            case "published" -> "Published";
            case "validated" -> "Dry run of";
            default -> "Nothing published from";
        };
        out.printf("%s %s (source %s, %s): %d rows read, %d accepted, %d rejected, %d merged duplicates%n", verb,
                request.displayName(), request.source(), request.mode().name().toLowerCase(Locale.ROOT),
                outcome.rowsRead(), c.accepted(), c.rejected(), c.merged());
        if (!"failed".equals(outcome.status())) {
            out.printf("  %s %d inserted, %d updated, %d unchanged, %d unpublished%n",
                    "validated".equals(outcome.status()) ? "would be:" : "providers:", c.inserted(), c.updated(),
                    c.unchanged(), c.unpublished());
        }
        if (outcome.runId() != null) {
            String where = report != null ? "; the report is in " + report
                    : c.rejected() > 0 ? "; --report FILE lists the rejected rows (they are also in import_issue)" : "";
            out.printf("  run %s%s%n", outcome.runId(), where);
        }
        out.flush();
        err.flush();
    }
}
