package dev.zoo.app;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;
import picocli.CommandLine;

/** Maps failures to the documented exit codes and prints them as one clear message, not a stack trace. */
@ApplicationScoped
class CommandLineSetup {

    private static final Logger LOG = Logger.getLogger(CommandLineSetup.class);

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create()
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof CliException cli) {
                        cmd.getErr().println("zoo " + cmd.getCommandName() + ": " + cli.getMessage());
                        return cli.exitCode();
                    }
                    LOG.error("unexpected failure", e);
                    cmd.getErr().println("zoo " + cmd.getCommandName() + ": unexpected error: " + e);
                    return ExitCode.IO;
                });
    }
}
