package org.clinicfinder.embed;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.clinicfinder.common.AuditLog;
import org.clinicfinder.common.JobSchema;
import org.flywaydb.core.Flyway;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code partner add|list|revoke}: the keys partner sites embed the search with. */
@Command(name = "partner", mixinStandardHelpOptions = true,
        description = "Manages the partners that embed the search on their sites, and their publishable keys.",
        subcommands = {PartnerCommand.Add.class, PartnerCommand.ListPartners.class, PartnerCommand.Revoke.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:no partner has this id", "2:the command line is wrong",
                "5:the database is unreachable or failed"})
public class PartnerCommand implements Callable<Integer> {

    static final int NOT_FOUND = 1;
    static final int USAGE = 2;
    static final int DATABASE_UNAVAILABLE = 5;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** What every partner subcommand works with. */
    abstract static class Subcommand implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Inject
        PartnerService partners;

        @Inject
        PartnersConfig config;

        @Inject
        Flyway flyway;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Adds a partner and prints its new publishable key, once: only a digest of it is kept.",
                    "The key is written alone on standard output, the rest on standard error."})
    static class Add extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The partner, as admins should recognise it.")
        String name;

        @Option(names = "--origin", required = true, paramLabel = "ORIGIN",
                description = "An origin the partner's pages are served from, such as https://www.example.com; repeat for several.")
        List<String> origins;

        @Option(names = "--rate", paramLabel = "N/min",
                description = "Requests the key may make, per second (N/s), minute (N/min) or hour (N/h); "
                        + "by default clinic-finder.partners.default-rate.")
        String rate;


        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            RatePolicy policy;
            try {
                policy = rate == null ? config.defaultRate() : RatePolicy.valueOf(rate);
                origins.forEach(WebOrigins::registered);
            } catch (IllegalArgumentException e) {
                err.println("partner add: " + e.getMessage());
                return USAGE;
            }
            if (!JobSchema.migrate(flyway, err, "partner")) {
                return DATABASE_UNAVAILABLE;
            }
            PartnerService.NewPartner added;
            try {
                added = partners.add(name, origins, policy, AuditLog.COMMAND_LINE);
            } catch (IllegalArgumentException e) {
                err.println("partner add: " + e.getMessage());
                return USAGE;
            }
            PartnerService.PartnerView partner = added.partner();
            err.printf("Added partner \"%s\" (id %s) for %s at %s.%n", partner.name(), partner.id(),
                    String.join(", ", partner.origins()), partner.rate());
            err.println("Its key follows; it is shown only this once, so store it now:");
            err.flush();
            spec.commandLine().getOut().println(added.key());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists partners, revoked ones included.")
    static class ListPartners extends Subcommand {

        static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");


        @Override
        public Integer call() {
            if (!JobSchema.migrate(flyway, spec.commandLine().getErr(), "partner")) {
                return DATABASE_UNAVAILABLE;
            }
            PrintWriter out = spec.commandLine().getOut();
            List<PartnerService.PartnerView> all = partners.list();
            if (all.isEmpty()) {
                out.println("No partners yet; add one with: partner add NAME --origin https://www.example.com");
                return 0;
            }
            int nameWidth = all.stream().mapToInt(partner -> partner.name().length()).max().orElse(4);
            String format = "%-36s  %-12s  %-10s  %-17s  %-8s  %-" + Math.max(4, nameWidth) + "s  %s%n";
            out.printf(format, "ID", "KEY", "RATE", "CREATED", "STATUS", "NAME", "ORIGINS");
            for (PartnerService.PartnerView partner : all) {
                out.printf(format, partner.id(), partner.keyHint(), partner.rate(),
                        DATE.format(partner.createdAt().withOffsetSameInstant(ZoneOffset.UTC)),
                        partner.revoked() ? "revoked" : "active", partner.name(), String.join(" ", partner.origins()));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes a partner's key for good; embedded searches with it stop within the key cache time.")
    static class Revoke extends Subcommand {

        @Parameters(index = "0", paramLabel = "ID", description = "The partner's id, from partner list.")
        String id;


        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            UUID partnerId;
            try {
                partnerId = UUID.fromString(id.strip());
            } catch (IllegalArgumentException e) {
                err.println("partner revoke: \"" + id + "\" is not a partner id; partner list shows them");
                return USAGE;
            }
            if (!JobSchema.migrate(flyway, err, "partner")) {
                return DATABASE_UNAVAILABLE;
            }
            boolean wasRevoked = partners.list().stream()
                    .anyMatch(partner -> partner.id().equals(partnerId) && partner.revoked());
            Optional<PartnerService.PartnerView> revoked = partners.revoke(partnerId, AuditLog.COMMAND_LINE);
            if (revoked.isEmpty()) {
                err.println("partner revoke: no partner has the id " + partnerId);
                return NOT_FOUND;
            }
            if (wasRevoked) {
                spec.commandLine().getOut().printf("The key of \"%s\" (%s) was revoked already, on %s.%n",
                        revoked.get().name(), revoked.get().keyHint(),
                        ListPartners.DATE.format(revoked.get().revokedAt().withOffsetSameInstant(ZoneOffset.UTC)));
                return 0;
            }
            spec.commandLine().getOut().printf("Revoked the key of \"%s\" (%s); running services refuse it within %d s.%n",
                    revoked.get().name(), revoked.get().keyHint(), config.keyCacheTtl().toSeconds());
            return 0;
        }
    }
}
