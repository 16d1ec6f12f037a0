package dev.zoo.app;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

@TopCommand
// -h/--help (and -V/--version) on every command and sub-command; `zoo help CMD` prints a command's help
@Command(name = "zoo", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = ZooVersion.class,
        description = {"Model-zoo registry and ImageNet evaluation harness.", ""},
        footerHeading = "%nEnvironment:%n",
        footer = {"  ZOO_HOME      weights cache and database (default ~/.zoo)",
                "  ZOO_CATALOG   more model-index files, separated by ':'",
                "  ZOO_OFFLINE   1: never use the network",
                "  ZOO_MIRROR    URL that replaces the origin of every weights URL",
                "  ZOO_IMAGENET  the ImageNet validation folder zoo eval reads by default",
                "  ZOO_DB_URL    JDBC URL of the database (default: H2 in ZOO_HOME)",
                "  ZOO_DB_USER, ZOO_DB_PASSWORD   its credentials",
                "  ZOO_API_TOKEN bearer token that lets zoo serve accept POST /api/runs",
                "",
                "Exit codes: 0 ok, 1 a check failed, 2 usage, 3 I/O or network.",
                "zoo help COMMAND (or zoo COMMAND --help) shows a command's options."})
public class ZooCommand {

    /**
     * The sub-commands, in the order help lists them. Added in code rather than in the annotation, so that a command
     * that starts without the web stack ({@link QuickStart}) builds only its own.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ListCommand.class, ShowCommand.class, LintCommand.class,
            PullCommand.class, VerifyCommand.class, EvalCommand.class, RunsCommand.class, DiffCommand.class,
            PredictionsCommand.class, CheckCommand.class, BaselineCommand.class, ExportCommand.class,
            ServeCommand.class, CacheCommand.class, CompletionCommand.class, HelpCommand.class);

    /** Adds {@code commands} under the top command, each made by the command line's factory (CDI under Quarkus). */
    static CommandLine withSubcommands(CommandLine top, List<Class<?>> commands) {
        for (Class<?> command : commands) {
            try {
                top.addSubcommand(top.getFactory().create(command));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the command " + command.getSimpleName(), e);
            }
        }
        return top;
    }
}
