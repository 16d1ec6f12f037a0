package dev.zoo.app;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.PrintWriter;
import org.jboss.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps failures to the documented exit codes and prints them as one clear line (what was wrong, what to do), never a
 * stack trace: a bad option or value is a usage error (2), a {@link CliException} carries its own code.
 */
@ApplicationScoped
class CommandLineSetup {

    private static final Logger LOG = Logger.getLogger(CommandLineSetup.class);

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create()
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CommandLineSetup::badUsage)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof CliException cli) {
                        cmd.getErr().println(name(cmd) + ": " + cli.getMessage());
                        return cli.exitCode();
                    }
                    // a bug: one line for the user, the stack trace for whoever turns the log level up
                    LOG.debug("unexpected failure", e);
                    cmd.getErr().println(name(cmd) + ": unexpected error: " + e
                            + " (QUARKUS_LOG_LEVEL=DEBUG shows where; please report it)");
                    return ExitCode.IO;
                });
    }

    /** "zoo eval: Invalid value for option '--limit': ... (zoo eval --help shows the options)". */
    static int badUsage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        err.println(name(cmd) + ": " + message + " (" + name(cmd) + " --help shows the options)");
        err.flush();
        return ExitCode.USAGE;
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }
}
