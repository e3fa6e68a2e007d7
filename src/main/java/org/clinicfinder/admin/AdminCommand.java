package org.clinicfinder.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

/**
 * {@code admin create EMAIL --role admin|editor}, {@code admin disable EMAIL}, {@code admin enable EMAIL}: admin
 * accounts, managed from the command line.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manages the accounts of the people who run the directory.",
        subcommands = {AdminCommand.Create.class, AdminCommand.Disable.class, AdminCommand.Enable.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an account has this email already (create), or none has (disable, enable)",
                "2:the command line or the password is wrong",
                "5:the database is unreachable or failed"})
public class AdminCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates an admin account. The password is asked for twice on a terminal, or read as the "
                    + "first line of standard input (echo \"$PASSWORD\" | ... admin create ...); never an argument.",
                    "Passwords have at least " + AccountService.MIN_PASSWORD_LENGTH + " characters."})
    static class Create implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The admin's email address; it signs in with it.")
        String email;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "admin (everything, partners and accounts included) or editor (providers and imports).")
        String role;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Inject
        AccountService accounts;

        @Inject
        Flyway flyway;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            AdminRole adminRole;
            try {
                adminRole = AdminRole.of(role);
            } catch (IllegalArgumentException e) {
                err.println("admin create: " + e.getMessage());
                return 2;
            }
            String password;
            try {
                password = readPassword(err);
            } catch (IllegalArgumentException | IOException e) {
                err.println("admin create: " + e.getMessage());
                return 2;
            }
            if (!JobSchema.migrate(flyway, err, "admin create")) {
                return 5;
            }
            try {
                AccountService.AccountView account = accounts.create(email, adminRole, password, AuditLog.COMMAND_LINE);
                spec.commandLine().getOut().printf("Created the %s account %s (id %s).%n", account.role().value(),
                        account.email(), account.id());
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("admin create: " + e.getMessage());
                return 2;
            } catch (IllegalStateException e) {
                err.println("admin create: " + e.getMessage());
                return 1;
            }
        }

        private static String readPassword(PrintWriter err) throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] second = console.readPassword("Password again: ");
                if (first == null || second == null || !Arrays.equals(first, second)) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
                return new String(first);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password on standard input: give it as its first line");
            }
            return line;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables an account: it can no longer sign in, and its tokens and sessions stop working.")
    static class Disable extends SetDisabled {
        Disable() {
            super(true);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Lets a disabled account sign in again.")
    static class Enable extends SetDisabled {
        Enable() {
            super(false);
        }
    }

    abstract static class SetDisabled implements Callable<Integer> {

        private final boolean disable;

        @Parameters(index = "0", paramLabel = "EMAIL", description = "The account's email address.")
        String email;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Inject
        AccountService accounts;

        @Inject
        Flyway flyway;

        SetDisabled(boolean disable) {
            this.disable = disable;
        }

        @Override
        public Integer call() {
            String command = "admin " + spec.name();
            PrintWriter err = spec.commandLine().getErr();
            if (!JobSchema.migrate(flyway, err, command)) {
                return 5;
            }
            try {
                if (!accounts.setDisabled(email, disable, AuditLog.COMMAND_LINE)) {
                    err.println(command + ": no account has the email " + email);
                    return 1;
                }
            } catch (RuntimeException e) {
                err.println(command + ": the database failed: " + e.getMessage());
                return 5;
            }
            spec.commandLine().getOut().printf("%s the account %s.%n", disable ? "Disabled" : "Enabled", email.strip());
            return 0;
        }
    }
}
