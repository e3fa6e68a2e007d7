package org.clinicfinder.ingest;

import java.io.PrintWriter;

/** The job's progress: a bar with rows/s on a terminal, a log line now and then otherwise. */
abstract class ProgressDisplay implements ImportJob.Listener {

    private static final long LOG_EVERY_MILLIS = 10_000;

    protected final PrintWriter err;
    protected final String name;
    protected final long started = System.nanoTime();

    ProgressDisplay(PrintWriter err, String name) {
        this.err = err;
        this.name = name;
    }

    static ProgressDisplay choose(String mode, PrintWriter err, String name) {
        boolean terminal = System.console() != null;
        return switch (mode) {
            case "none" -> new Silent(err, name);
            case "bar" -> new Bar(err, name);
            case "log" -> new Log(err, name);
            default -> terminal ? new Bar(err, name) : new Log(err, name);
        };
    }

    long rowsPerSecond(long rows) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : Math.round(rows / seconds);
    }

    void done() {
    }

    private static final class Silent extends ProgressDisplay {
        Silent(PrintWriter err, String name) {
            super(err, name);
        }

        @Override
        public void progress(long rowsRead, long rejected, long bytesRead, long bytesTotal) {
        }
    }

    private static final class Bar extends ProgressDisplay {
        private boolean drawn;

        Bar(PrintWriter err, String name) {
            super(err, name);
        }

        @Override
        public void progress(long rowsRead, long rejected, long bytesRead, long bytesTotal) {
            int percent = bytesTotal <= 0 ? 100 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
            int filled = percent * 30 / 100;
            err.printf("\r[%s%s] %3d%%  %,d rows  %,d rejected  %,d rows/s ", "#".repeat(filled),
                    " ".repeat(30 - filled), percent, rowsRead, rejected, rowsPerSecond(rowsRead));
            err.flush();
            drawn = true;
        }

        @Override
        public void phase(String description) {
            err.printf("%n%s…", description);
            err.flush();
        }

        @Override
        void done() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }

    private static final class Log extends ProgressDisplay {
        private long lastLogged = System.currentTimeMillis();

        Log(PrintWriter err, String name) {
            super(err, name);
        }

        @Override
        public void progress(long rowsRead, long rejected, long bytesRead, long bytesTotal) {
            long now = System.currentTimeMillis();
            if (now - lastLogged >= LOG_EVERY_MILLIS) {
                lastLogged = now;
                err.printf("import %s: %,d rows read (%d%%), %,d rejected, %,d rows/s%n", name, rowsRead,
                        bytesTotal <= 0 ? 100 : bytesRead * 100 / bytesTotal, rejected, rowsPerSecond(rowsRead));
                err.flush();
            }
        }

        @Override
        public void phase(String description) {
            err.printf("import %s: %s%n", name, description);
            err.flush();
        }
    }
}
