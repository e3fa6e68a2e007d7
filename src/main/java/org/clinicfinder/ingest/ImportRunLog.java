package org.clinicfinder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The record of a run in import_run and import_issue, written on a connection of its own and committed as it
 * goes, so that a run's progress can be watched and its rejections are kept even when nothing is published.
 */
final class ImportRunLog implements AutoCloseable {

    private static final int BATCH = 500;

    private final Connection connection;
    private final UUID runId;
    private final PreparedStatement issues;
    private int pending;

    ImportRunLog(DataSource dataSource, ImportRequest request, ImportFormat format, long fileBytes)
            throws SQLException {
        this.connection = dataSource.getConnection();
        this.connection.setAutoCommit(true);
        this.runId = request.runId() != null ? request.runId() : UUID.randomUUID();
        try (Statement statement = connection.createStatement()) {
            // Runs whose job died (its session is gone) are marked, so that none stays "running" for ever.
            statement.executeUpdate("""
                    UPDATE import_run SET status = 'abandoned', finished_at = now(),
                        failure = 'the import stopped before it finished; nothing of it was published'
                    WHERE status = 'running'
                      AND backend_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)""");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO import_run (id, source, file_name, format, mode, dry_run, status, backend_pid, started_by,
                    phase, file_bytes, default_country, max_errors)
                VALUES (?, ?, ?, ?, ?, ?, 'running', pg_backend_pid(), ?, 'reading', ?, ?, ?)""")) {
            insert.setObject(1, runId);
            insert.setString(2, request.source());
            insert.setString(3, request.displayName());
            insert.setString(4, format.name().toLowerCase());
            insert.setString(5, request.mode().name().toLowerCase());
            insert.setBoolean(6, request.dryRun());
            insert.setString(7, request.startedBy());
            insert.setLong(8, fileBytes);
            insert.setString(9, request.defaultCountry());
            insert.setObject(10, request.maxErrors(), java.sql.Types.BIGINT);
            insert.executeUpdate();
        }
        this.issues = connection.prepareStatement(
                "INSERT INTO import_issue (run_id, line, kind, field, value, reason) VALUES (?, ?, ?, ?, ?, ?)");
    }

    UUID runId() {
        return runId;
    }

    void issue(long line, String kind, String field, String value, String reason) throws SQLException {
        issues.setObject(1, runId);
        if (line > 0) {
            issues.setLong(2, line);
        } else {
            issues.setNull(2, java.sql.Types.BIGINT);
        }
        issues.setString(3, kind);
        issues.setString(4, field);
        issues.setString(5, RowProblem.reportable(value));
        issues.setString(6, RowProblem.printable(reason));
        issues.addBatch();
        if (++pending >= BATCH) {
            flush();
        }
    }

    void progress(long rowsRead, long rejected, long bytesRead) throws SQLException {
        flush();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_run SET rows_read = ?, rejected = ?, bytes_read = ? WHERE id = ?")) {
            update.setLong(1, rowsRead);
            update.setLong(2, rejected);
            update.setLong(3, bytesRead);
            update.setObject(4, runId);
            update.executeUpdate();
        }
    }

    /** What the run is doing now, for whoever watches it. */
    void phase(String description) throws SQLException {
        flush();
        try (PreparedStatement update = connection.prepareStatement("UPDATE import_run SET phase = ? WHERE id = ?")) {
            update.setString(1, description);
            update.setObject(2, runId);
            update.executeUpdate();
        }
    }

    void finish(String status, String failure, ImportOutcome.Counts counts, long rowsRead, String sha256,
            long bytes) throws SQLException {
        flush();
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE import_run SET status = ?, failure = ?, finished_at = now(), rows_read = ?, accepted = ?,
                    rejected = ?, merged = ?, inserted = ?, updated = ?, unchanged = ?, unpublished = ?,
                    file_sha256 = ?, file_bytes = ?, bytes_read = file_bytes, phase = NULL, backend_pid = NULL
                WHERE id = ?""")) {
            int i = 1;
            update.setString(i++, status);
            update.setString(i++, RowProblem.printable(failure));
            update.setLong(i++, rowsRead);
            update.setLong(i++, counts.accepted());
            update.setLong(i++, counts.rejected());
            update.setLong(i++, counts.merged());
            update.setLong(i++, counts.inserted());
            update.setLong(i++, counts.updated());
            update.setLong(i++, counts.unchanged());
            update.setLong(i++, counts.unpublished());
            update.setString(i++, sha256);
            update.setLong(i++, bytes);
            update.setObject(i, runId);
            update.executeUpdate();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            issues.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            issues.close();
        } finally {
            connection.close();
        }
    }
}
