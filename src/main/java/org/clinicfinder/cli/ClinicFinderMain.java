package org.clinicfinder.cli;

import java.util.Arrays;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * The one artifact's entry point: {@code serve} (the default) runs the HTTP service; {@code import} and the
 * other jobs run once and exit with a status code.
 */
@QuarkusMain
public class ClinicFinderMain implements QuarkusApplication {

    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version", "help");

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (!serves(args)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            // The job's own output is its summary; Quarkus's start-up lines would only bury it.
            System.setProperty("quarkus.banner.enabled", "false");
            System.setProperty("quarkus.log.category.\"io.quarkus\".level", "WARN");
            // Jobs migrate the schema themselves (help needs no database at all), so that an unreachable
            // database is their exit code 5, not a failed start.
            System.setProperty("quarkus.flyway.migrate-at-start", "false");
            System.setProperty("quarkus.hibernate-orm.database.version-check.enabled", "false");
            System.setProperty("quarkus.log.category.\"org.hibernate\".level", "ERROR");
            System.setProperty("quarkus.log.category.\"org.flywaydb\".level", "WARN");
            // Standard output is the job's result (partner add prints the new key there); logs go to stderr.
            System.setProperty("quarkus.log.console.stderr", "true");
        }
        Quarkus.run(ClinicFinderMain.class, args);
    }

    /** Only serving takes the HTTP port; jobs and help run to completion without it. */
    static boolean serves(String... args) {
        boolean serveCommand = args.length == 0 || args[0].equals("serve");
        return serveCommand && Arrays.stream(args).noneMatch(HELP::contains);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(ClinicFinderCommand.class, factory)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }
}
