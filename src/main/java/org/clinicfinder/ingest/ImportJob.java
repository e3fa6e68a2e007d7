package org.clinicfinder.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import org.clinicfinder.common.Digests;
import org.clinicfinder.common.ProblemMappers;
import org.clinicfinder.ingest.ImportOutcome.Counts;
import org.clinicfinder.ingest.ImportOutcome.ExitCode;
import org.jboss.logging.Logger;

/**
 * The import pipeline, shared by the command line job and the admin API: read the file as a stream, check and
 * normalise each row, stage the accepted ones with COPY, then publish them all in the same transaction. Search
 * never sees half a file, and a crash at any point leaves the directory as it was.
 */
@ApplicationScoped
public class ImportJob {

    private static final Logger LOG = Logger.getLogger(ImportJob.class);
    private static final long PROGRESS_EVERY_MILLIS = 2000;
    /** SQL state of a database out of disk space. */
    private static final String DISK_FULL = "53100";

    /** What the job tells whoever watches it. */
    public interface Listener {
        /** Called every few hundred rows. */
        void progress(long rowsRead, long rejected, long bytesRead, long bytesTotal);

        /** A step after reading: "merging duplicates", "publishing". */
        default void phase(String description) {
        }

        /** The run is recorded under this id and is about to read the file. */
        default void started(UUID runId) {
        }

    }

    @Inject
    AgroalDataSource dataSource;

    public ImportOutcome run(ImportRequest request, Listener listener) {
        ImportFormat format = request.format() != null ? request.format()
                : ImportFormat.fromFileName(request.file()).orElseThrow(() -> new InvalidFileException(0,
                        "cannot tell the format of " + request.displayName() + " from its name; give --format "
                                + "csv, json or ndjson"));
        ColumnMapping mapping = request.mapping() == null ? ColumnMapping.standard()
                : ColumnMapping.fromFile(request.mapping());
        long bytesTotal;
        try {
            bytesTotal = Files.size(request.file());
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(0, "there is no file " + request.displayName());
        } catch (IOException e) {
            throw new InvalidFileException(0, "cannot read " + request.displayName() + ": " + e.getMessage());
        }
        ImportRunLog log;
        try {
            log = new ImportRunLog(dataSource, request, format, bytesTotal);
        } catch (SQLException e) {
            return databaseFailure(null, e);
        }
        listener.started(log.runId());
        try (log) {
            return run(request, format, mapping, bytesTotal, log, listener);
        } catch (SQLException e) {
            return databaseFailure(log, e);
        }
    }

    private ImportOutcome run(ImportRequest request, ImportFormat format, ColumnMapping mapping, long bytesTotal,
            ImportRunLog log, Listener listener) throws SQLException {
        MessageDigest sha256 = Digests.sha256();
        long rowsRead = 0;
        long rejected = 0;
        long accepted = 0;
        long unidentified = 0;
        CountingInputStream counted;
        try (InputStream file = Files.newInputStream(request.file());
                Connection connection = dataSource.getConnection()) {
            counted = new CountingInputStream(new DigestInputStream(file, sha256));
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // No time limit for the import itself; and if the job dies, PostgreSQL notices within a second
                // and stops its work, releasing the source's lock for the next run.
                statement.execute("SET LOCAL statement_timeout = 0");
                statement.execute("SET client_connection_check_interval = '1s'");
                // Room to join a large list with the directory in memory rather than in batches on disk.
                statement.execute("SET LOCAL work_mem = '64MB'");
            }
            RowNormaliser normaliser = new RowNormaliser(new RowNormaliser.SourceDefaults(request.defaultCountry(),
                    request.defaultCredential()));
            // The reader must not close the file: a failed run still reads it to the end for its checksum.
            InputStream unclosable = new FilterInputStream(counted) {
                @Override
                public void close() {
                }
            };
            try (RecordReader reader = open(format, unclosable, mapping, request.defaultCountry() != null);
                    StagingTable staging = new StagingTable(connection)) {
                for (String column : reader.ignoredColumns()) {
                    log.issue(1, "ignored-column", column, null, "not a known column; ignored");
                }
                long lastProgress = System.currentTimeMillis();
                RawRecord record;
                while ((record = reader.next()) != null) {
                    rowsRead++;
                    RowNormaliser.Result result = normaliser.normalise(record);
                    if (result.accepted()) {
                        staging.add(result.row());
                        accepted++;
                    } else {
                        rejected++;
                        for (RowProblem problem : result.problems()) {
                            log.issue(record.line(), "rejected", problem.field(), problem.value(), problem.reason());
                        }
                        if (result.identityKey() != null) {
                            staging.addRejected(record.line(), result.identityKey());
                        } else {
                            unidentified++;
                        }
                        if (request.maxErrors() != null && rejected > request.maxErrors()) {
                            staging.abort();
                            connection.rollback();
                            String failure = "more than " + request.maxErrors() + (request.maxErrors() == 1 ? " row"
                                    : " rows") + " rejected (--max-errors); stopped at line " + record.line()
                                    + " and published nothing";
                            return finish(log, "failed", failure, ExitCode.TOO_MANY_ERRORS,
                                    new Counts(accepted, rejected, 0, 0, 0, 0, 0), rowsRead, sha256, counted);
                        }
                    }
                    if ((rowsRead & 255) == 0 && System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MILLIS) {
                        lastProgress = System.currentTimeMillis();
                        log.progress(rowsRead, rejected, counted.count());
                        listener.progress(rowsRead, rejected, counted.count(), bytesTotal);
                    }
                }
                for (String column : reader.ignoredColumns()) {
                    if (format != ImportFormat.CSV) {
                        log.issue(0, "ignored-column", column, null, "not a known field; ignored");
                    }
                }
            } catch (InvalidFileException e) {
                connection.rollback();
                return finish(log, "failed", message(request, e), ExitCode.INVALID_FILE,
                        new Counts(accepted, rejected, 0, 0, 0, 0, 0), rowsRead, sha256, counted);
            }
            listener.progress(rowsRead, rejected, bytesTotal, bytesTotal);
            if (rowsRead == 0) {
                connection.rollback();
                return finish(log, "failed", request.displayName() + ": the file has no rows",
                        ExitCode.INVALID_FILE, Counts.NONE, 0, sha256, counted);
            }
            if (accepted == 0) {
                connection.rollback();
                return finish(log, "failed", "every row was rejected; nothing published", ExitCode.TOO_MANY_ERRORS,
                        new Counts(0, rejected, 0, 0, 0, 0, 0), rowsRead, sha256, counted);
            }
            Publisher publisher = new Publisher(connection);
            log.phase("merging duplicates");
            listener.phase("merging duplicates");
            long merged = publisher.mergeDuplicates(merge -> log.issue(merge.line(), "merged", null,
                    merge.identityKey(), "names the same provider as line " + merge.intoLine() + " ("
                            + describe(merge.identityKey()) + "); merged into it"));
            String publishing = request.dryRun() ? "checking what would change" : "publishing";
            log.phase(publishing);
            listener.phase(publishing);
            long[] changes = publisher.upsert(request.source(), accepted - merged);
            String warning = null;
            long unpublished = 0;
            if (request.mode() == ImportMode.SYNC && unidentified > 0) {
                warning = unidentified + (unidentified == 1 ? " rejected row does" : " rejected rows do")
                        + " not say which provider it names, so this sync unpublished nothing";
            } else if (request.mode() == ImportMode.SYNC) {
                unpublished = publisher.unpublishUnlisted(request.source());
            }
            Counts counts = new Counts(accepted, rejected, merged, changes[0], changes[1], changes[2],
                    unpublished);
            // The run's own record is complete before the directory changes: nothing can fail after the commit.
            log.flush();
            if (request.dryRun()) {
                connection.rollback();
            } else {
                connection.commit();
                analyzeAfterLargeChange(connection, changes[0] + changes[1] + unpublished);
            }
            ExitCode exit = rejected > 0 ? ExitCode.PUBLISHED_WITH_REJECTIONS : ExitCode.OK;
            ImportOutcome outcome = finish(log, request.dryRun() ? "validated" : "published", null, exit, counts,
                    rowsRead, sha256, counted);
            return warning == null ? outcome : outcome.withWarning(warning);
        } catch (IOException e) {
            // Writing to the staging COPY fails as an IOException too; its cause says it was the database.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException database) {
                    return databaseFailure(log, database);
                }
            }
            return finish(log, "failed", request.displayName() + ": " + e.getMessage(), ExitCode.INVALID_FILE,
                    new Counts(0, rejected, 0, 0, 0, 0, 0), rowsRead, sha256, null);
        }
    }

    private static RecordReader open(ImportFormat format, InputStream input, ColumnMapping mapping,
            boolean countryGiven) throws IOException {
        return switch (format) {
            case CSV -> new CsvRecordReader(input, mapping, countryGiven);
            case JSON -> JsonRecordReader.array(input, mapping);
            case NDJSON -> JsonRecordReader.ndjson(input, mapping);
        };
    }

    /** Large imports leave fresh statistics behind, so that searches keep their index plans. */
    private static void analyzeAfterLargeChange(Connection connection, long changed) {
        if (changed < 10_000) {
            return;
        }
        try {
            try (Statement statement = connection.createStatement()) {
                // A transaction of its own, without the connection's time limit: a large directory takes longer.
                statement.execute("SET LOCAL statement_timeout = 0");
                statement.execute("ANALYZE provider");
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.warnf("ANALYZE after the import failed (autovacuum will catch up): %s", e.getMessage());
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next; the import itself is committed
            }
        }
    }

    private ImportOutcome finish(ImportRunLog log, String status, String failure, ExitCode exit, Counts counts,
            long rowsRead, MessageDigest sha256, CountingInputStream counted) throws SQLException {
        if (counted != null) {
            try {
                counted.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                counted = null;
            }
        }
        String digest = counted == null ? null : HexFormat.of().formatHex(sha256.digest());
        long bytes = counted == null ? 0 : counted.count();
        try {
            log.finish(status, failure, counts, rowsRead, digest, bytes);
        } catch (SQLException e) {
            if (!status.equals("published")) {
                throw e;
            }
            // The import is committed; only its record is incomplete (the next run marks it abandoned).
            LOG.warnf("The import was published, but its run record could not be completed: %s", e.getMessage());
        }
        return new ImportOutcome(log.runId(), status, failure, exit, counts, rowsRead, digest, null);
    }

    private ImportOutcome databaseFailure(ImportRunLog log, SQLException e) {
        String failure = (DISK_FULL.equals(e.getSQLState())
                ? "the database has no disk space left; nothing was published. Free space on its server and run the"
                        + " import again: "
                : ProblemMappers.isDatabaseUnavailable(e) ? "the database is unreachable or stopped the import: "
                : "the database refused the import: ")
                + ColumnMapping.firstLine(e.getMessage());
        LOG.debug("Import failed on the database", e);
        if (log != null) {
            try {
                log.finish("failed", failure, Counts.NONE, 0, null, 0);
            } catch (SQLException ignored) {
                // the failure is reported to the caller; the run is marked abandoned by the next one
            }
        }
        return new ImportOutcome(log == null ? null : log.runId(), "failed", failure, ExitCode.DATABASE_UNAVAILABLE,
                Counts.NONE, 0, null, null);
    }

    private static String message(ImportRequest request, InvalidFileException e) {
        return request.displayName() + (e.line() > 0 ? ":" + e.line() : "") + ": " + e.getMessage();
    }

    private static String describe(String identityKey) {
        return identityKey.startsWith("id:") ? "same external id " + identityKey.substring(3)
                : "same name, postcode or city, and country";
    }

    /** Counts the bytes read, for progress against the file's size. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
