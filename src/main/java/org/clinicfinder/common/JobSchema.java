package org.clinicfinder.common;

import java.io.PrintWriter;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Jobs bring the schema up to date themselves, so that a database that is down is their exit code 5. */
public final class JobSchema {

    private JobSchema() {
    }

    /** False, with a one-line message naming the command, when the database is down or cannot be migrated. */
    public static boolean migrate(Flyway flyway, PrintWriter err, String command) {
        try {
            flyway.migrate();
            return true;
        } catch (FlywayException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println(command + ": the database is unreachable or its schema cannot be brought up to date: "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
            return false;
        }
    }
}
