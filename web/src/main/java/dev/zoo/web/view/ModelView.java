package dev.zoo.web.view;

import dev.zoo.core.ShellWords;
import dev.zoo.metadata.EvalRecipe;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Library;
import dev.zoo.metadata.Metric;
import dev.zoo.metadata.Model;
import dev.zoo.metadata.ModelMetadata;
import dev.zoo.metadata.NetworkDescription;
import dev.zoo.registry.Artifact;
import dev.zoo.registry.WeightsStatus;
import dev.zoo.results.ResultRow;
import dev.zoo.results.Robustness;
import dev.zoo.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model card: what the catalogue says, the recipe Zoo evaluates it with, weights, results and runs. The one card
 * model: the web renders it as HTML ({@code model.html}) and {@code zoo show} as text, with the same labels (the
 * catalogue's own key spellings for its metadata).
 *
 * @param robustness the model on each set of timm's robustness table it has a number on (ImageNet first)
 * @param claims the catalogue's claims as written, a line per dataset ("Top 1 Accuracy 83.75%, ..."), with the task
 */
public record ModelView(String id, String name, boolean showId, String collection, String definedIn,
                        List<Field> links, String evaluateLead, String refusal, List<String> commands,
                        List<ResultView> results, RobustnessView robustness, List<Field> claims, List<Field> recipe,
                        List<Field> weights, String network, List<String> layers, List<String> trainingData,
                        List<String> trainingTechniques, List<Field> hyper, List<RunView.Summary> runs,
                        String citation) {

    /** A row of the card's results: claimed beside measured (complete runs only), and a newer partial run. */
    public record ResultView(String dataset, boolean moved, Cell claimedTop1, Cell measuredTop1, Cell claimedTop5,
                             Cell measuredTop5, Cell diffTop1, Cell diffTop5, Cell other) {
    }

    /**
     * @param collection the label of the model's collection (with its catalogue where two share a name)
     * @param robustness the model's rows of the zoo's robustness table (ranked among every model)
     */
    public static ModelView of(Model m, String collection, WeightsStatus w, List<ResultRow> rows,
                               List<Robustness.Row> robustness, List<Run> runs) {
        List<Field> links = new ArrayList<>();
        if (m.paper() != null) {
            links.add(Field.link("Paper", m.paper().title() != null ? m.paper().title() : m.paper().url(),
                    m.paper().url()));
        }
        if (m.code() != null) {
            links.add(Field.link("Code", m.code().url(), m.code().url()));
        }
        links.add(Field.of("Collection", collection));
        if (m.origin().library() != null && m.origin().library().name() != null) {
            Library lib = m.origin().library();
            links.add(lib.repository() != null ? Field.link("Library", lib.name(), lib.repository())
                    : Field.of("Library", lib.name()));
        }
        links.add(Field.of("Catalogue", m.origin().builtin() ? "built-in" : m.origin().catalogue()));
        links.add(Field.code("Defined in", String.valueOf(m.pos())));
        links.add(Field.code("README", m.readme()));
        links.add(Field.code("Config", m.config()));

        Optional<String> refusal = m.notEvaluable();
        String quoted = ShellWords.quote(m.id());
        List<String> commands = new ArrayList<>();
        if (m.weights() != null) {
            commands.add("zoo pull " + quoted);
        }
        if (refusal.isEmpty()) {
            commands.add("zoo eval " + quoted + " --data /path/to/imagenet/val");
        }
        boolean claims = m.claimed(KnownDataset.IMAGENET.label(), Metric.TOP1).isPresent();
        String lead = refusal.isPresent() ? null : (w.catalogSha256() != null
                ? "Pull the weights (checked against the catalogue's SHA256), then "
                : "Pull the weights (checked against their size; the sha256 of the first download is pinned and "
                        + "every later copy must match it), then ")
                + (claims ? "reproduce the claims on the whole ImageNet-1k validation set:"
                : "evaluate them on ImageNet-1k (the card claims no ImageNet-1k result to reproduce):");
        List<ResultView> results = rows.stream().map(r -> {
            IndexView.Cells c = IndexView.row(r).named();
            return new ResultView(r.dataset(), r.beyondTolerance(), c.claimedTop1(),
                    c.measuredTop1().styled("measured-top1"), c.claimedTop5(), c.measuredTop5(), c.diffTop1(),
                    c.diffTop5(), c.other());
        }).toList();

        List<Field> claimed = m.results().stream().map(r -> Field.of(r.dataset(), r.metrics().stream()
                .map(x -> x.name() + " " + x.text()).collect(java.util.stream.Collectors.joining(", "))
                + (r.task() == null ? "" : "  (" + r.task() + ")"))).toList();

        ModelMetadata md = m.metadata();
        List<Field> hyper = new ArrayList<>(List.of(Field.of("Training Resources", md.trainingResources()),
                Field.of("Tasks", md.tasks() == null ? null : String.join(", ", md.tasks())),
                Field.of("Epochs", md.epochs()), Field.of("Batch Size", md.batchSize()),
                Field.of("LR", md.lr()), Field.of("Momentum", md.momentum()),
                Field.of("Weight Decay", md.weightDecay()),
                Field.of("Parameters", md.parameters() == null ? null : Display.count(md.parameters())),
                Field.of("FLOPs", md.flops() == null ? null : Display.count(md.flops()) + " (as catalogued; the "
                        + "network's multiply-adds are under Network)"),
                Field.of("Layers", md.layers()), Field.of("Image Size", md.imageSize()),
                Field.of("Crop Pct", md.cropPct()), Field.of("Interpolation", md.interpolation())));
        md.extra().forEach((k, v) -> hyper.add(Field.of(k + " *", v)));
        m.extra().forEach((k, v) -> hyper.add(Field.of(k + " *", v)));

        String network = NetworkDescription.of(m);
        return new ModelView(m.id(), m.name(), !m.name().equals(m.id()), collection, String.valueOf(m.pos()),
                links.stream().filter(Field::present).toList(), lead, refusal.orElse(null), commands, results,
                RobustnessView.of(robustness), claimed, recipe(m), weights(m.id(), w), network,
                orEmpty(md.architecture()), orEmpty(md.trainingData()), orEmpty(md.trainingTechniques()),
                hyper.stream().filter(Field::present).toList(),
                runs.stream().map(RunView.Summary::of).toList(), m.citation());
    }

    /** The recipe {@code zoo eval} will use, and where each value comes from. */
    static List<Field> recipe(Model m) {
        try {
            EvalRecipe r = EvalRecipe.of(m);
            EvalRecipe.Sources sources = EvalRecipe.sources(m);
            java.util.function.Function<EvalRecipe.Source, String> from = s -> s == EvalRecipe.Source.CARD ? ""
                    : " (" + s.note() + ")";
            return List.of(Field.of("Input", r.imageSize() + " × " + r.imageSize() + " px"
                            + from.apply(sources.imageSize())),
                    Field.of("Resize", r.resizeMode().label() + " (shorter side to " + r.scaleSize() + ", then a "
                            + "centre crop; crop_pct " + Display.plain(r.cropPct()) + from.apply(sources.cropPct())
                            + ")"),
                    Field.of("Interpolation", r.interpolation() + " (Pillow's, antialiased)"
                            + from.apply(sources.interpolation())),
                    Field.of("Mean", r.mean().toString()), Field.of("Std", r.std().toString()),
                    Field.of("Mean and std from", r.meanSource() + (sources.meanStd() == EvalRecipe.Source.DEFAULT
                            ? from.apply(sources.meanStd()) : "")),
                    Field.code("Recorded as", r.describe()));
        } catch (IllegalArgumentException e) {
            return List.of(Field.of("Recipe", "cannot be built: " + e.getMessage()));
        }
    }

    /** "the catalogue's SHA256" for "catalog": what a file's pin was checked against. */
    static String pinDescription(String label) {
        try {
            return Artifact.PinSource.ofLabel(label).description();
        } catch (IllegalArgumentException e) {
            return label;
        }
    }

    static List<Field> weights(String id, WeightsStatus w) {
        String quoted = ShellWords.quote(id);
        List<Field> out = new ArrayList<>();
        out.add(w.url() == null ? Field.of("URL", "none: no weights published") : Field.link("URL", w.url(), w.url()));
        out.add(Field.of("File Size", w.fileSize() == null ? null : Display.count(w.fileSize()) + " bytes"));
        out.add(w.catalogSha256() == null ? Field.of("SHA256 (catalogue)", "not pinned in the catalogue")
                : Field.code("SHA256 (catalogue)", w.catalogSha256()));
        if (w.url() != null) {
            out.add(w.cached() ? Field.code("Cached", w.path() == null ? "yes" : w.path().toString())
                    : Field.of("Cached", "no (zoo pull " + quoted + ")"));
        }
        if (w.cached() && w.sha256() == null) {
            out.add(Field.of("Provenance", "unknown: no download was recorded and the catalogue pins no SHA256 (zoo "
                    + "pull " + quoted + " replaces it)"));
        }
        if (w.sha256() != null) {
            out.add(Field.code("SHA256 (checked against " + pinDescription(w.pinSource()) + ")", w.sha256()));
            out.add(Field.of("Downloaded", Display.date(w.downloadedAt())));
            out.add(Field.of("Verified", w.verifiedAt() == null ? "never (zoo verify " + quoted + ")"
                    : Display.date(w.verifiedAt())));
        }
        return out.stream().filter(Field::present).toList();
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
