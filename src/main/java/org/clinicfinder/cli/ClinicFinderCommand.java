package org.clinicfinder.cli;

import java.util.concurrent.Callable;

import io.quarkus.runtime.Quarkus;
import org.clinicfinder.admin.AdminCommand;
import org.clinicfinder.embed.PartnerCommand;
import org.clinicfinder.ingest.ImportCommand;
import picocli.CommandLine.Command;

/** Without a subcommand: serve HTTP until stopped. */
@Command(name = "clinic-finder", mixinStandardHelpOptions = true,
        description = "The clinic-finder directory: serves the HTTP API, or runs a job and exits.",
        subcommands = {ClinicFinderCommand.Serve.class, ImportCommand.class, PartnerCommand.class, AdminCommand.class})
public class ClinicFinderCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return Serve.serve();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API until stopped.")
    static class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            return serve();
        }

        static int serve() {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
