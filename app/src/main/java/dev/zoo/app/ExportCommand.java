package dev.zoo.app;

import dev.zoo.core.ZooException;
import dev.zoo.results.ResultsExport;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.results.RunRepository;
import dev.zoo.core.Versions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", description = {"Write measured results as model-index YAML or as timm's results CSV: "
        + "the latest complete run of each model on each dataset Zoo identifies (ImageNet, ReaL, ImageNetV2, Sketch, "
        + "A, R and their clean counterparts).",
        "Partial runs, reported runs and runs on other folders are never exported. Without MODEL, every catalogue "
        + "model that has one."})
public class ExportCommand implements Callable<Integer> {

    enum Format {
        MODEL_INDEX, CSV;

        /** "model-index", "csv": as typed. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", completionCandidates = Completions.ModelIds.class,
            arity = "0..*", description = "Model IDs.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--format", required = true, paramLabel = "model-index|csv",
            completionCandidates = Completions.ExportFormats.class,
            converter = FormatConverter.class, description = "model-index (YAML) or csv (timm's results format).")
    Format format;

    @Option(names = "--dataset", paramLabel = "NAME", converter = SetConverter.class,
            completionCandidates = SetNames.class, description = "The set to "
            + "export: one file per set, as timm publishes them (csv: ImageNet unless given; model-index: every set "
            + "unless given): ${COMPLETION-CANDIDATES}.")
    KnownDataset dataset;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Inject
    ZooContext context;

    static class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            String typed = value.toLowerCase(java.util.Locale.ROOT);
            if (List.of("model_index", "yaml", "yml").contains(typed)) {
                return Format.MODEL_INDEX;   // other spellings people reach for
            }
            return java.util.Arrays.stream(Format.values()).filter(f -> f.label().equals(typed)).findFirst()
                    .orElseThrow(() -> new picocli.CommandLine.TypeConversionException("expected model-index or "
                            + "csv, found '" + value + "'"));
        }
    }

    /** The sets' command-line names, for help and shell completion. */
    static class SetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return KnownDataset.robustnessNames().iterator();
        }
    }

    /** A set of timm's robustness table by its command-line name (or any name Zoo knows it by). */
    static class SetConverter implements picocli.CommandLine.ITypeConverter<KnownDataset> {
        @Override
        public KnownDataset convert(String value) {
            return KnownDataset.robustnessSet(value).orElseThrow(() -> new picocli.CommandLine
                    .TypeConversionException("expected one of " + String.join(", ", KnownDataset.robustnessNames())
                    + ", found '" + value + "'"));
        }
    }

    @Override
    public Integer call() {
        Catalog catalog = catalogOptions.load(context);
        List<Model> models = ids.isEmpty() ? catalog.models()
                : ids.stream().map(id -> context.model(catalog, id)).toList();
        Map<String, Map<String, RunRepository.Latest>> latest =
                new RunRepository(context.databaseForReading()).latestPerDataset();
        List<ResultsExport.Measured> rows = ResultsExport.exportable(models, latest);
        KnownDataset set = dataset != null ? dataset : format == Format.CSV ? KnownDataset.IMAGENET : null;
        List<ResultsExport.Measured> shown = set == null ? rows : rows.stream()
                .filter(r -> r.byDataset().containsKey(set.label())).toList();
        if (shown.isEmpty()) {
            // nothing to publish is an answer, not a mistake: an empty file, and why on stderr
            boolean anyRun = models.stream().anyMatch(m -> !latest.getOrDefault(m.id(), Map.of()).isEmpty());
            String what = set == null ? "a dataset Zoo can identify" : set.description();
            spec.commandLine().getErr().println("zoo export: nothing to export: " + (anyRun ? "no complete run on "
                    + what + " (partial runs, reported runs and runs on unidentified folders are never published; "
                    + "zoo runs lists them with their scope)" : (ids.isEmpty() ? "no model has been measured yet"
                    : String.join(", ", ids) + " has not been measured yet") + " (zoo eval MODEL)"));
        }
        String text = format == Format.CSV ? ResultsExport.timmCsv(rows, set)
                : ResultsExport.modelIndex(set == null ? rows : shown.stream().map(r -> r.only(set.label())).toList(),
                Versions.zoo());
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".export", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ZooException(ZooException.Kind.IO, "cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getErr().println("exported " + shown.size() + " model(s) to " + out
                + (format == Format.CSV ? " (timm names this set's file " + set.timmFile() + ")" : ""));
        return ExitCode.OK;
    }
}
