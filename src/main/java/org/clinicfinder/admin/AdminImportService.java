package org.clinicfinder.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import org.clinicfinder.api.model.ImportFormat;
import org.clinicfinder.api.model.ImportMode;
import org.clinicfinder.api.model.ImportRun;
import org.clinicfinder.api.model.ImportStatus;
import org.clinicfinder.common.AuditLog;
import org.clinicfinder.common.Digests;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;
import org.clinicfinder.ingest.Countries;
import org.clinicfinder.ingest.ImportJob;
import org.clinicfinder.ingest.ImportOutcome;
import org.clinicfinder.ingest.ImportRequest;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Lists uploaded by admins, imported in the background through the ingestion job's pipeline. The upload is
 * written to disk as it arrives (never held in memory), the run is recorded in import_run before the answer
 * goes out, and the file of a checked dry run is kept, so that exactly what was checked can be published.
 */
@ApplicationScoped
public class AdminImportService {

    private static final Logger LOG = Logger.getLogger(AdminImportService.class);
    private static final String UPLOAD_SUFFIX = ".upload";
    private static final String RUN_COLUMNS = """
            id, source, file_name, format, mode, dry_run, phase, failure, started_by, started_at, finished_at,
            rows_read, accepted, rejected, merged, inserted, updated, unchanged, unpublished, bytes_read, file_bytes,
            file_sha256, published_run, default_country, max_errors,
            CASE WHEN status = 'running' AND (backend_pid IS NULL
                      OR backend_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL))
                 THEN 'abandoned' ELSE status END AS status,
            (SELECT status FROM import_run publishing WHERE publishing.id = import_run.published_run)
                AS publishing_status""";

    @Inject
    ImportJob job;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AdminConfig config;

    @Inject
    AuditLog audit;

    @Inject
    ManagedExecutor executor;

    private Semaphore slots;

    /** An uploaded list on disk, named after the run that will read it. */
    public record Upload(UUID runId, Path file, long bytes) {
    }

    /** What an admin asks of an import, besides the file. */
    public record Options(String source, ImportFormat format, ImportMode mode, boolean dryRun, String country,
            Long maxErrors, String fileName) {
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        slots = new Semaphore(config.imports().concurrent());
        Files.createDirectories(config.imports().directory());
        sweep();
    }

    /**
     * Writes an upload to disk as it arrives, refusing it (413) when it says it is larger than the limit, or
     * once it grows past it.
     */
    public Upload receive(InputStream body, Long declaredLength) {
        long limit = config.imports().maxUploadSize().asLongValue();
        if (declaredLength != null && declaredLength > limit) {
            throw tooLarge();
        }
        Upload upload = newUpload();
        long written = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(upload.file())) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                written += n;
                if (written > limit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            discard(upload.file());
            throw new UncheckedIOException("The upload could not be stored", e);
        } catch (RuntimeException e) {
            discard(upload.file());
            throw e;
        }
        return new Upload(upload.runId(), upload.file(), written);
    }

    /** Takes over a file the multipart parser has written to disk. */
    public Upload receive(Path uploaded) {
        Upload upload = newUpload();
        try {
            long size = Files.size(uploaded);
            if (size > config.imports().maxUploadSize().asLongValue()) {
                throw tooLarge();
            }
            Files.move(uploaded, upload.file(), StandardCopyOption.REPLACE_EXISTING);
            return new Upload(upload.runId(), upload.file(), size);
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be stored", e);
        }
    }

    /**
     * Starts importing an upload in the background, and answers once the run is recorded.
     *
     * @param mediaType the body's media type, telling the format when the request does not
     */
    public ImportRun start(Upload upload, Options options, String mediaType, String actor) {
        try {
            String source = options.source() == null ? "" : options.source().strip();
            if (source.isEmpty()) {
                throw ProblemException.invalidParameter("source", "must name who the list comes from");
            }
            String country = options.country() == null || options.country().isBlank() ? null
                    : Countries.code(options.country()).orElseThrow(() -> ProblemException.invalidParameter("country",
                            "is not a country name or ISO 3166-1 code"));
            String fileName = options.fileName() == null || options.fileName().isBlank() ? "upload"
                    : options.fileName().strip();
            org.clinicfinder.ingest.ImportFormat format = format(options.format(), mediaType, fileName);
            ImportRequest request = new ImportRequest(upload.file(), fileName, source, format, null, country, null,
                    mode(options.mode()), options.dryRun(), options.maxErrors(), upload.runId(), actor);
            ImportRun run = launch(request);
            QuarkusTransaction.requiringNew().run(() -> audit.record(actor, options.dryRun() ? "import.check"
                    : "import.start", "import", upload.runId().toString(), null, auditDetails(request, upload.bytes())));
            return run;
        } catch (RuntimeException e) {
            discard(upload.file());
            throw e;
        }
    }

    /** Publishes the file of a checked dry run, with the options it was checked with, as a new run. */
    public ImportRun publish(UUID checkedRunId, String actor) {
        StoredRun checked = stored(checkedRunId)
                .orElseThrow(() -> ProblemException.notFound("No import has the id " + checkedRunId + "."));
        if (!checked.run().getDryRun() || checked.run().getStatus() != ImportStatus.VALIDATED) {
            throw new ProblemException(ProblemType.CONFLICT, "Only a dry run that finished can be published; this "
                    + "import is " + (checked.run().getDryRun() ? "a dry run that " : "not a dry run; it ")
                    + describe(checked.run().getStatus()) + ".");
        }
        Path file = uploadFile(checkedRunId);
        if (!Files.isRegularFile(file)) {
            throw new ProblemException(ProblemType.CONFLICT, "The checked file is no longer kept (it is kept for "
                    + config.imports().keepCheckedFor().toHours() + " hours, on the instance that received it); "
                    + "upload it again.");
        }
        if (!sha256(file).equals(checked.run().getFileSha256())) {
            throw new ProblemException(ProblemType.CONFLICT, "The kept file is not the one that was checked; upload "
                    + "it again.");
        }
        UUID runId = UUID.randomUUID();
        claim(checkedRunId, runId);
        ImportRequest request = new ImportRequest(file, checked.run().getFileName(), checked.run().getSource(),
                org.clinicfinder.ingest.ImportFormat.valueOf(checked.run().getFormat().toString()
                        .toUpperCase(Locale.ROOT)), null, checked.defaultCountry(), null,
                mode(checked.run().getMode()), false, checked.maxErrors(), runId, actor);
        ImportRun run;
        try {
            run = launch(request);
        } catch (RuntimeException e) {
            unclaim(checkedRunId, runId);
            throw e;
        }
        Map<String, Object> details = auditDetails(request, checked.run().getFileBytes());
        details.put("checkedRun", checkedRunId.toString());
        QuarkusTransaction.requiringNew().run(() -> audit.record(actor, "import.publish", "import", runId.toString(),
                null, details));
        return run;
    }

    public Optional<ImportRun> find(UUID runId) {
        return stored(runId).map(StoredRun::run);
    }

    public List<ImportRun> list(String source, ImportStatus status, OffsetDateTime before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM (SELECT " + RUN_COLUMNS + " FROM import_run) runs "
                + "WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (source != null) {
            sql.append(" AND source = ?");
            parameters.add(source);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status.toString());
        }
        if (before != null) {
            sql.append(" AND started_at < ?");
            parameters.add(before);
        }
        sql.append(" ORDER BY started_at DESC, id LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<ImportRun> runs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(run(rows).run());
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the import on a worker thread; returns once the run is recorded, or fails as the run did when it
     * could not even be recorded.
     */
    private ImportRun launch(ImportRequest request) {
        sweepQuietly();
        if (!slots.tryAcquire()) {
            throw new ProblemException(ProblemType.CONFLICT, config.imports().concurrent() + " imports are running, "
                    + "as many as run at once; start this one when one has finished.").withHeader("Retry-After", "30");
        }
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        CompletableFuture<ImportOutcome> finished = new CompletableFuture<>();
        executor.execute(() -> {
            ImportOutcome outcome = null;
            try {
                outcome = job.run(request, new ImportJob.Listener() {
                    @Override
                    public void progress(long rowsRead, long rejected, long bytesRead, long bytesTotal) {
                    }

                    @Override
                    public void started(UUID runId) {
                        recorded.complete(null);
                    }
                });
                finished.complete(outcome);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Import %s failed", request.runId());
                finished.completeExceptionally(e);
            } finally {
                slots.release();
                recorded.complete(null);
                // A run's own upload is kept only when it was checked, for publishing; a checked file is kept
                // until it has been published, so that a publishing run that failed can be tried again.
                boolean ownUpload = request.file().equals(uploadFile(request.runId()));
                String status = outcome == null ? "failed" : outcome.status();
                if (ownUpload ? !status.equals("validated") : status.equals("published")) {
                    discard(request.file());
                }
            }
        });
        try {
            recorded.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The import did not start", e);
        }
        return find(request.runId()).orElseThrow(() -> notRecorded(finished));
    }

    /** Why a run could not be recorded: the database, or a file the job could not open. */
    private static RuntimeException notRecorded(CompletableFuture<ImportOutcome> finished) {
        try {
            ImportOutcome outcome = finished.get(5, TimeUnit.SECONDS);
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The import could not start: "
                    + outcome.failure()).withHeader("Retry-After", "30");
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException(e);
        } catch (TimeoutException e) {
            return new IllegalStateException("The import was not recorded", e);
        }
    }

    /** Marks the checked run as published by the new one, unless another run already published it. */
    private void claim(UUID checkedRunId, UUID runId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE import_run SET published_run = ?
                        WHERE id = ? AND (published_run IS NULL OR published_run IN
                            (SELECT id FROM import_run WHERE status IN ('failed', 'abandoned')))""")) {
            update.setObject(1, runId);
            update.setObject(2, checkedRunId);
            if (update.executeUpdate() == 0) {
                throw new ProblemException(ProblemType.CONFLICT, "This dry run has already been published, by import "
                        + find(checkedRunId).map(ImportRun::getPublishedAs).map(UUID::toString).orElse("?") + ".");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void unclaim(UUID checkedRunId, UUID runId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE import_run SET published_run = NULL WHERE id = ? AND published_run = ?")) {
            update.setObject(1, checkedRunId);
            update.setObject(2, runId);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not release dry run %s for publishing again: %s", checkedRunId, e.getMessage());
        }
    }

    /** A run as recorded, with the options a dry run is published with. */
    private record StoredRun(ImportRun run, String defaultCountry, Long maxErrors) {
    }

    private Optional<StoredRun> stored(UUID runId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + RUN_COLUMNS + " FROM import_run WHERE id = ?")) {
            select.setObject(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(run(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredRun run(ResultSet rows) throws SQLException {
        UUID id = rows.getObject("id", UUID.class);
        ImportStatus status = ImportStatus.fromValue(rows.getString("status"));
        ImportRun run = new ImportRun(id, rows.getString("source"), rows.getString("file_name"),
                ImportMode.fromValue(rows.getString("mode")), rows.getBoolean("dry_run"), status,
                utc(rows.getTimestamp("started_at")), rows.getLong("rows_read"), rows.getLong("accepted"),
                rows.getLong("rejected"), rows.getLong("merged"), rows.getLong("inserted"), rows.getLong("updated"),
                rows.getLong("unchanged"), rows.getLong("unpublished"));
        String format = rows.getString("format");
        run.setFormat(format == null ? null : ImportFormat.fromValue(format));
        run.setPhase(status == ImportStatus.RUNNING ? rows.getString("phase") : null);
        run.setFailure(rows.getString("failure"));
        run.setStartedBy(rows.getString("started_by"));
        run.setFinishedAt(utc(rows.getTimestamp("finished_at")));
        run.setBytesRead(rows.getLong("bytes_read"));
        run.setFileBytes((Long) rows.getObject("file_bytes"));
        run.setFileSha256(rows.getString("file_sha256"));
        UUID publishedRun = rows.getObject("published_run", UUID.class);
        String publishingStatus = rows.getString("publishing_status");
        boolean publishedOrPublishing = publishedRun != null && !"failed".equals(publishingStatus)
                && !"abandoned".equals(publishingStatus);
        run.setPublishedAs(publishedRun);
        run.setPublishable(run.getDryRun() && status == ImportStatus.VALIDATED && !publishedOrPublishing
                && Files.isRegularFile(uploadFile(id)));
        return new StoredRun(run, rows.getString("default_country"), (Long) rows.getObject("max_errors"));
    }

    private Upload newUpload() {
        UUID runId = UUID.randomUUID();
        return new Upload(runId, uploadFile(runId), 0);
    }

    private Path uploadFile(UUID runId) {
        return config.imports().directory().resolve(runId + UPLOAD_SUFFIX);
    }

    /** Deletes kept files older than the time they are kept for. */
    private void sweep() throws IOException {
        Instant oldest = Instant.now().minus(config.imports().keepCheckedFor());
        try (Stream<Path> files = Files.list(config.imports().directory())) {
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(UPLOAD_SUFFIX)).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(oldest)) {
                    discard(file);
                }
            }
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (IOException e) {
            LOG.warnf("Could not clear old uploads from %s: %s", config.imports().directory(), e.getMessage());
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An uploaded list may have at most "
                + config.imports().maxUploadSize().asLongValue() / (1024 * 1024) + " MB; split it, or import it with "
                + "the ingestion job.");
    }

    private static org.clinicfinder.ingest.ImportFormat format(ImportFormat asked, String mediaType, String fileName) {
        if (asked != null) {
            return org.clinicfinder.ingest.ImportFormat.valueOf(asked.toString().toUpperCase(Locale.ROOT));
        }
        String type = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv")) {
            return org.clinicfinder.ingest.ImportFormat.CSV;
        }
        if (type.startsWith("application/x-ndjson")) {
            return org.clinicfinder.ingest.ImportFormat.NDJSON;
        }
        if (type.startsWith("application/json")) {
            return org.clinicfinder.ingest.ImportFormat.JSON;
        }
        return org.clinicfinder.ingest.ImportFormat.fromFileName(Path.of(fileName.replace('/', '_')))
                .orElseThrow(() -> ProblemException.invalidParameter("format", "cannot be told from the file's name "
                        + fileName + "; give csv, json or ndjson"));
    }

    private static org.clinicfinder.ingest.ImportMode mode(ImportMode mode) {
        return mode == ImportMode.SYNC ? org.clinicfinder.ingest.ImportMode.SYNC
                : org.clinicfinder.ingest.ImportMode.UPSERT;
    }

    private static Map<String, Object> auditDetails(ImportRequest request, Long bytes) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", request.source());
        details.put("fileName", request.displayName());
        details.put("fileBytes", bytes);
        details.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
        details.put("dryRun", request.dryRun());
        return details;
    }

    private static String describe(ImportStatus status) {
        return switch (status) {
            case RUNNING -> "is still running";
            case VALIDATED -> "finished";
            case PUBLISHED -> "was published";
            case FAILED -> "failed";
            case ABANDONED -> "was abandoned";
        };
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Digests.sha256Hex(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime utc(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete the uploaded file %s: %s", file, e.getMessage());
        }
    }
}
