package dev.zoo.app;

import dev.zoo.core.ZooException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.metadata.Catalog;
import dev.zoo.metadata.EvalRecipe;
import dev.zoo.metadata.Library;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.ModelMetadata;
import dev.zoo.metadata.NetworkDescription;
import dev.zoo.metadata.NetworkSpec;
import dev.zoo.metadata.Result;
import dev.zoo.registry.WeightsStatus;
import dev.zoo.results.Run;
import dev.zoo.results.RunRepository;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "Show a model's whole card: metadata, results, weights status, paper, code, "
        + "citation and runs.")
public class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(paramLabel = "MODEL", description = "Model ID (zoo list shows them).")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Inject
    ZooContext context;

    @Inject
    ObjectMapper mapper;

    /** {@code zoo show --json}. */
    public record Card(Model model, Long architectureParameters, WeightsStatus weights, List<Run> runs) {
    }

    @Override
    public Integer call() throws Exception {
        Catalog catalog = catalogOptions.load(context);
        Model m = context.model(catalog, id);
        List<Run> runs;
        runs = new RunRepository(context.databaseForReading()).forModel(m.id());
        WeightsStatus weights = weights(m);   // after the database is open (read-only on a full disk)
        Long archParams = m.networkSpec().map(NetworkSpec::parameterCount).orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new Card(m, archParams, weights,
                    runs)));
            out.flush();
            return ExitCode.OK;
        }
        print(out, m, catalog.collectionLabel(m), weights, runs);
        out.flush();
        return ExitCode.OK;
    }

    private WeightsStatus weights(Model m) {
        return context.registry().status(m);
    }

    private static void print(PrintWriter out, Model m, String collection, WeightsStatus w, List<Run> runs) {
        out.println(m.id() + (m.name().equals(m.id()) ? "" : " (" + m.name() + ")"));
        field(out, "Collection", collection);
        field(out, "Catalogue", m.origin().builtin() ? "built-in" : m.origin().catalogue());
        if (m.origin().library() != null && m.origin().library().name() != null) {
            Library lib = m.origin().library();
            field(out, "Library", lib.name() + (lib.repository() == null ? "" : " (" + lib.repository() + ")"));
        }
        field(out, "Defined in", m.pos().toString());
        m.notEvaluable().ifPresent(reason -> field(out, "Evaluation", "Zoo cannot evaluate it: " + reason));
        out.println();
        if (m.paper() != null) {
            field(out, "Paper", m.paper().title());
            field(out, "", m.paper().url());
        }
        if (m.code() != null) {
            field(out, "Code", m.code().url() + (m.code().version() == null ? "" : " @ " + m.code().version()));
        }
        if (m.readme() != null) {
            field(out, "README", m.readme());
        }
        if (m.config() != null) {
            field(out, "Config", m.config());
        }
        out.println();
        out.println("Weights");
        field(out, "  URL", w.url() == null ? "none: no weights published" : w.url());
        field(out, "  File Size", w.fileSize() == null ? null : Formats.bytes(w.fileSize()));
        field(out, "  SHA256", w.catalogSha256() == null ? "not pinned in the catalogue" : w.catalogSha256());
        if (w.cached()) {
            field(out, "  Cached", w.path());
            field(out, "  sha256", w.sha256() + (w.pinSource() == null ? "" : " (pin: " + w.pinSource() + ")"));
            if (w.sha256() == null) {
                field(out, "  Provenance", "unknown: no download was recorded and the catalogue pins no SHA256 (zoo "
                        + "pull " + m.id() + " replaces it)");
            } else {
                field(out, "  Downloaded", String.valueOf(w.downloadedAt()));
                field(out, "  Verified", w.verifiedAt() == null ? "never (zoo verify " + m.id() + ")"
                        : w.verifiedAt().toString());
            }
        } else {
            field(out, "  Cached", "no (zoo pull " + m.id() + ")");
            if (w.sha256() != null) {
                field(out, "  Pinned", w.sha256() + " (" + w.pinSource() + ")");
            }
        }
        out.println();
        out.println("Architecture");
        field(out, "  Network", NetworkDescription.of(m));
        ModelMetadata md = m.metadata();
        list(out, "  Layers used", md.architecture());
        out.println();
        out.println("Metadata");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Parameters", md.parameters() == null ? null : String.format(Locale.ROOT, "%,d", md.parameters()));
        fields.put("FLOPs", md.flops() == null ? null : String.format(Locale.ROOT, "%,d", md.flops()));
        fields.put("Layers", md.layers());
        fields.put("Image Size", md.imageSize());
        fields.put("Crop Pct", md.cropPct());
        fields.put("Interpolation", md.interpolation());
        fields.put("Tasks", md.tasks() == null ? null : String.join(", ", md.tasks()));
        fields.put("Training Data", md.trainingData() == null ? null : String.join(", ", md.trainingData()));
        fields.put("Training Techniques", md.trainingTechniques() == null ? null
                : String.join(", ", md.trainingTechniques()));
        fields.put("Training Resources", md.trainingResources());
        fields.put("Epochs", md.epochs());
        fields.put("Batch Size", md.batchSize());
        fields.put("LR", md.lr());
        fields.put("Momentum", md.momentum());
        fields.put("Weight Decay", md.weightDecay());
        fields.forEach((k, v) -> {
            if (v != null) {
                field(out, "  " + k, v instanceof Double d ? java.math.BigDecimal.valueOf(d).stripTrailingZeros()
                        .toPlainString() : String.valueOf(v));
            }
        });
        md.extra().forEach((k, v) -> field(out, "  " + k + " *", String.valueOf(v)));
        m.extra().forEach((k, v) -> field(out, "  " + k + " *", String.valueOf(v)));
        if (!md.extra().isEmpty() || !m.extra().isEmpty()) {
            out.println("  (* keys Zoo does not interpret, kept as written)");
        }
        out.println();
        out.println("Evaluation recipe");
        try {
            EvalRecipe r = EvalRecipe.of(m);
            field(out, "  Transform", r.describe());
            field(out, "  Mean and std from", r.meanSource());
            List<String> defaulted = EvalRecipe.defaulted(m);
            if (!defaulted.isEmpty()) {
                field(out, "  Defaults", String.join(", ", defaulted) + ": default, not from the card");
            }
        } catch (IllegalArgumentException e) {
            field(out, "  Transform", "cannot be built: " + e.getMessage());
        }
        out.println();
        out.println("Claimed results");
        if (m.results().isEmpty()) {
            out.println("  none");
        }
        for (Result r : m.results()) {
            StringBuilder sb = new StringBuilder();
            for (Metric x : r.metrics()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(x.name()).append(' ').append(x.text());
            }
            field(out, "  " + r.dataset(), sb + (r.task() == null ? "" : "  (" + r.task() + ")"));
        }
        out.println();
        out.println("Runs");
        if (runs.isEmpty()) {
            out.println("  none yet");
        }
        for (Run r : runs.subList(0, Math.min(10, runs.size()))) {
            StringBuilder sb = new StringBuilder();
            for (Run.Measurement x : r.results()) {
                sb.append(", ").append(x.dataset()).append(' ').append(x.metric()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", x.value()));
            }
            field(out, "  #" + r.id(), r.status().label() + " " + r.startedAt() + ": " + r.scope().label() + sb);
            if (r.status() != Run.Status.COMPLETED && r.error() != null) {
                field(out, "", r.error());
            }
        }
        if (runs.size() > 10) {
            out.println("  ... and " + (runs.size() - 10) + " older run(s) (zoo show " + m.id() + " --json lists all)");
        }
        if (m.citation() != null) {
            out.println();
            out.println("Citation");
            m.citation().lines().forEach(l -> out.println("  " + l));
        }
    }

    private static void list(PrintWriter out, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            field(out, name, String.join(", ", values));
        }
    }

    private static void field(PrintWriter out, String name, String value) {
        if (value != null) {
            out.println(String.format(Locale.ROOT, "%-24s%s", name, value));
        }
    }
}
