package org.clinicfinder.ingest;

import java.util.UUID;

/**
 * How a run ended.
 *
 * @param runId the run's record in import_run, or null when none could be written
 * @param status published, validated (dry run) or failed
 * @param failure why nothing was published, or null
 * @param warning what the run did not do that it was asked to, or null
 */
public record ImportOutcome(UUID runId, String status, String failure, ExitCode exitCode, Counts counts,
        long rowsRead, String fileSha256, String warning) {

    ImportOutcome withWarning(String text) {
        return new ImportOutcome(runId, status, failure, exitCode, counts, rowsRead, fileSha256, text);
    }

    /** The counts of a run. */
    public record Counts(long accepted, long rejected, long merged, long inserted, long updated, long unchanged,
            long unpublished) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    /** The job's exit status; docs/importing.md lists them. */
    public enum ExitCode {
        /** Every row accepted (and published, unless a dry run). */
        OK(0),
        /** Published, but some rows were rejected. */
        PUBLISHED_WITH_REJECTIONS(1),
        /** The command line is wrong. */
        USAGE(2),
        /** Nothing published: the file (or the mapping file) cannot be read as a list of providers. */
        INVALID_FILE(3),
        /** Nothing published: more rows were rejected than --max-errors allows. */
        TOO_MANY_ERRORS(4),
        /** Nothing published: the database is unreachable or failed. */
        DATABASE_UNAVAILABLE(5);

        private final int code;

        ExitCode(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
