package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.registry.CacheEntry;
import dev.zoo.registry.CacheState;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.Model;
import dev.zoo.core.Sha256;
import dev.zoo.registry.WeightsRegistry;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "cache", description = "Inspect and clean the weights cache in ZOO_HOME.",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Rm.class, CacheCommand.Gc.class})
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

        @Mixin
        JsonOption json;

        @Inject
        ZooContext context;

        @Inject
        ObjectMapper mapper;

        /** One cached file in {@code zoo cache ls --json}. */
        public record Row(String model, String path, long size, String state, boolean partial, String sha256,
                          String pin, String verifiedAt) {
        }

        @Override
        public Integer call() throws Exception {
            List<CacheEntry> entries = context.registry().list();
            List<Row> rows = entries.stream().map(e -> new Row(e.modelId(), e.path().toString(), e.size(),
                    CacheState.of(e).label(), e.partial(), e.artifact() == null ? null : e.artifact().sha256(),
                    e.artifact() == null ? null : e.artifact().pinSource().label(),
                    e.artifact() == null || e.artifact().verifiedAt() == null ? null
                            : e.artifact().verifiedAt().toString())).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json.on()) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else if (rows.isEmpty()) {
                out.println("the cache in " + context.settings().home().weights() + " is empty");
            } else {
                Table t = new Table(List.of("MODEL", "SIZE", "STATE", "SHA256", "PATH"), false, true);
                long total = 0;
                for (Row r : rows) {
                    total += r.size();
                    t.add(List.of(r.model(), String.format(Locale.ROOT, "%,d", r.size()),
                            r.state(),
                            r.sha256() == null ? "-" : Sha256.abbreviate(r.sha256()), r.path()));
                }
                t.print(out);
                out.printf(Locale.ROOT, "%,d bytes in %s%n", total, context.settings().home().weights());
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "gc", description = {"Find what the cache holds that nothing needs: partial downloads older than "
            + "--older-than, files in ZOO_HOME/quarantine, and the weights of models no loaded catalogue names.",
            "A dry run unless --delete: it lists the files and their sizes. Pins are kept (zoo cache rm --unpin "
                    + "forgets them)."})
    static class Gc implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CatalogOptions catalogOptions;

        @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "7d", converter = Age.class,
                description = "Partial downloads untouched for longer than this (e.g. 12h, 7d; default 7d).")
        Duration olderThan;

        @Option(names = "--delete", description = "Delete the files (without it, only list them).")
        boolean delete;

        @Mixin
        JsonOption json;

        @Inject
        ZooContext context;

        @Inject
        ObjectMapper mapper;

        /** One file in {@code zoo cache gc --json}. */
        public record Row(String model, String path, long size, String reason, boolean deleted) {
        }

        @Override
        public Integer call() throws Exception {
            Catalog catalog = catalogOptions.load(context);
            Set<String> known = catalog.models().stream().map(Model::id).collect(Collectors.toSet());
            List<WeightsRegistry.Garbage> garbage = context.registry().garbage(known, olderThan);
            if (delete) {
                context.registry().collect(garbage);
            }
            List<Row> rows = garbage.stream().map(g -> new Row(g.modelId(), g.path().toString(), g.size(), g.reason(),
                    delete)).toList();
            long total = garbage.stream().mapToLong(WeightsRegistry.Garbage::size).sum();
            PrintWriter out = spec.commandLine().getOut();
            if (json.on()) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            } else if (rows.isEmpty()) {
                out.println("nothing to collect in " + context.settings().home().root());
            } else {
                Table t = new Table(List.of("SIZE", "WHY", "PATH"), true, false, false);
                rows.forEach(r -> t.add(List.of(String.format(Locale.ROOT, "%,d", r.size()), r.reason(), r.path())));
                t.print(out);
                out.printf(Locale.ROOT, delete ? "deleted %d file(s), %,d bytes freed%n"
                        : "dry run: %d file(s), %,d bytes; zoo cache gc --delete deletes them%n", rows.size(), total);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    /** An age: a number with s, m, h or d ("12h", "7d"). */
    static final class Age implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])")
                    .matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("expected an age such as 30m, 12h or 7d, found '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }

    @Command(name = "rm", description = {"Delete models' cached weights (and partial downloads).",
            "The sha256 pin is kept, so a re-download must be the same file, unless --unpin."})
    static class Rm implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
                arity = "1..*", description = "Model IDs.")
        List<String> ids;

        @Option(names = "--unpin", description = "Also forget the pinned sha256 (for weights re-published on purpose).")
        boolean unpin;

        @Inject
        ZooContext context;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String id : ids) {
                List<Path> deleted = context.registry().remove(id, unpin);
                out.println(id + ": " + (deleted.isEmpty() ? "nothing cached" : "deleted " + deleted.size()
                        + " file(s)") + (unpin ? ", pin forgotten" : ""));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
