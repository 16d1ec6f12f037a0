package dev.zoo.app;

import dev.zoo.core.ZooException;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.PrintWriter;
import java.util.List;
import org.jboss.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import dev.zoo.metadata.EditDistance;

/**
 * Maps failures to the documented exit codes, in one place ({@link #exitCode}, Picocli's exit-code exception mapper),
 * and prints them as one clear line (what was wrong, what to do), never a stack trace: a bad option or value is a
 * usage error, a {@link ZooException} carries its kind, anything else is a bug reported as an I/O failure.
 */
@ApplicationScoped
class CommandLineSetup {

    private static final Logger LOG = Logger.getLogger(CommandLineSetup.class);

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(ZooCommand.withSubcommands(factory.create(), ZooCommand.SUBCOMMANDS));
    }

    /** Zoo's error handling and exit codes on a command line, however it was built ({@link QuickStart} too). */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExitCodeExceptionMapper(CommandLineSetup::exitCode)
                .setParameterExceptionHandler(CommandLineSetup::badUsage)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (StopSignals.stopping()) {
                        // the signal's handler said what was stopped; what the command met since is its echo
                        return cmd.getExitCodeExceptionMapper().getExitCode(e);
                    }
                    if (e instanceof ZooException z) {
                        cmd.getErr().println(name(cmd) + ": " + z.getMessage());
                    } else {
                        // a bug: one line for the user, the stack trace for whoever turns the log level up
                        LOG.debug("unexpected failure", e);
                        cmd.getErr().println(name(cmd) + ": unexpected error: " + e
                                + " (QUARKUS_LOG_LEVEL=DEBUG shows where; please report it)");
                    }
                    return cmd.getExitCodeExceptionMapper().getExitCode(e);
                });
    }

    /** The exit code of a failure: its kind's for a {@link ZooException}, usage for bad options, else I/O. */
    static int exitCode(Throwable e) {
        if (e instanceof ZooException z) {
            return z.exitCode();
        }
        return e instanceof ParameterException ? ExitCode.USAGE : ExitCode.IO;
    }

    /** "zoo eval: Invalid value for option '--limit': ... (zoo eval --help shows the options)". */
    static int badUsage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u) {
            List<String> near = u.getSuggestions().isEmpty() ? nearestCommands(cmd, u.getUnmatched())
                    : u.getSuggestions();
            if (!near.isEmpty()) {
                message += "; did you mean " + String.join(" or ", near) + "?";
            }
        }
        err.println(name(cmd) + ": " + message + " (" + name(cmd) + " --help shows the options)");
        err.flush();
        return cmd.getExitCodeExceptionMapper().getExitCode(e);
    }

    /** A mistyped command ("zoo lsit"): the commands within two edits of it, nearest first. */
    static List<String> nearestCommands(CommandLine cmd, List<String> unmatched) {
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-") || cmd.getSubcommands().isEmpty()) {
            return List.of();
        }
        String typed = unmatched.get(0).toLowerCase(java.util.Locale.ROOT);
        return cmd.getSubcommands().keySet().stream()
                .filter(n -> EditDistance.between(typed, n) <= 2 || n.startsWith(typed))
                .sorted(java.util.Comparator.comparingInt(n -> EditDistance.between(typed, n)))
                .map(n -> cmd.getCommandSpec().qualifiedName() + " " + n).toList();
    }

    private static String name(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName();
    }
}
