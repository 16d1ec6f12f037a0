package dev.zoo.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.registry.CacheEntry;
import dev.zoo.registry.PullException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cache", description = "Inspect and clean the weights cache in ZOO_HOME.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Rm.class})
public class CacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "ls", description = "List cached weights, including partial downloads a pull will resume.")
    static class Ls implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Inject
        ZooContext context;

        @Inject
        ObjectMapper mapper;

        /** One cached file in {@code zoo cache ls --json}. */
        public record Row(String model, String path, long size, boolean partial, String sha256, String pin,
                          String verifiedAt) {
        }

        @Override
        public Integer call() throws Exception {
            List<CacheEntry> entries;
            try {
                entries = context.registry().list();
            } catch (PullException e) {
                throw new CliException(ExitCode.IO, e.getMessage(), e);
            }
            List<Row> rows = entries.stream().map(e -> new Row(e.modelId(), e.path().toString(), e.size(),
                    e.partial(), e.artifact() == null ? null : e.artifact().sha256(),
                    e.artifact() == null ? null : e.artifact().pinSource().label(),
                    e.artifact() == null || e.artifact().verifiedAt() == null ? null
                            : e.artifact().verifiedAt().toString())).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else if (rows.isEmpty()) {
                out.println("the cache in " + context.settings().home().weights() + " is empty");
            } else {
                Table t = new Table(List.of("MODEL", "SIZE", "STATE", "SHA256", "PATH"), false, true);
                long total = 0;
                for (Row r : rows) {
                    total += r.size();
                    t.add(List.of(r.model(), String.format(Locale.ROOT, "%,d", r.size()),
                            r.partial() ? "partial" : r.sha256() == null ? "unrecorded" : "verified",
                            r.sha256() == null ? "-" : r.sha256().substring(0, 12), r.path()));
                }
                t.print(out);
                out.printf(Locale.ROOT, "%,d bytes in %s%n", total, context.settings().home().weights());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "rm", description = {"Delete models' cached weights (and partial downloads).",
            "The sha256 pin is kept, so a re-download must be the same file, unless --unpin."})
    static class Rm implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MODEL", arity = "1..*", description = "Model IDs.")
        List<String> ids;

        @Option(names = "--unpin", description = "Also forget the pinned sha256 (for weights re-published on purpose).")
        boolean unpin;

        @Inject
        ZooContext context;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String id : ids) {
                try {
                    List<Path> deleted = context.registry().remove(id, unpin);
                    out.println(id + ": " + (deleted.isEmpty() ? "nothing cached" : "deleted " + deleted.size()
                            + " file(s)") + (unpin ? ", pin forgotten" : ""));
                } catch (PullException e) {
                    throw new CliException(PullCommand.exitCode(e), e.getMessage(), e);
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
