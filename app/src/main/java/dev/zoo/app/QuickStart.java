package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.web.JsonSetup;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code zoo list} without the web stack. Quarkus boots CDI, REST, Vert.x and OpenAPI for every command (about a
 * second); listing the catalogue needs none of it. The same command class, options, error handling, configuration
 * (environment, system properties) and output, wired by hand.
 */
final class QuickStart {

    private static final List<String> COMMANDS = List.of("list");

    private QuickStart() {
    }

    /** Whether {@code args} run a command that starts this way (its help, too). */
    static boolean handles(String... args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command and returns its exit code. */
    static int run(String... args) {
        ZooContext context = new ZooContext();
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().withMapping(ZooConfig.class)
                .build();
        context.config = config.getConfigMapping(ZooConfig.class);
        // Jackson takes a tenth of a second to set up: only for --json, the one branch that writes with it
        ObjectMapper mapper = List.of(args).contains("--json") ? json() : null;
        CommandLine top = new CommandLine(ZooCommand.class, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof ListCommand list) {
                    list.context = context;
                    list.mapper = mapper;
                }
                return made;
            }
        });
        CommandLine commandLine = CommandLineSetup.configure(ZooCommand.withSubcommands(top,
                List.of(ListCommand.class)));
        int exit = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return exit;
    }

    /** The JSON mapper as {@code zoo serve} and the other commands have it. */
    private static ObjectMapper json() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonSetup().customize(mapper);
        return mapper;
    }
}
